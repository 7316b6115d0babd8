import { startCacheConfirmer, type CacheConfirmer } from './cache-confirmer'
import { ConfirmedCache } from './confirmed-cache'
import type { CachedShopperOrder, OrderStore } from './order-store'

/**
 * How long an order read for its shopper's poll is trusted on PostgreSQL without the database
 * saying so again: a change made by another instance (or in the database) shows within this.
 */
export const SHOPPER_ORDER_CACHE_TTL_MS = 1000

/**
 * The orders the shoppers' polls read, cached on PostgreSQL, where each read is a round trip to
 * the database: a `ConfirmedCache` whose orders in use `startCacheConfirmer` reads again in the
 * background, 500 to a statement (`OrderStore.findShopperOrderRows`), so a shopper polling every
 * second or two is answered from memory and the database sees one statement per round for all the
 * orders being polled. Each state move and shown change this process commits forgets the order at
 * once (store/repository.ts), so this instance's own changes show on the next poll; another
 * instance's show within `SHOPPER_ORDER_CACHE_TTL_MS`. Only the shopper's poll reads through it:
 * every read that decides something (payments, refunds, the merchant's console) goes to the
 * database (docs/performance.md, part 19).
 */
export function shopperOrderCache(): ConfirmedCache<CachedShopperOrder> {
  return new ConfirmedCache<CachedShopperOrder>((row) => row.order_no, SHOPPER_ORDER_CACHE_TTL_MS)
}

/** Starts the background confirmation of `cache` through `orders` (the outer store). */
export function confirmShopperOrders(
  cache: ConfirmedCache<CachedShopperOrder>,
  orders: OrderStore,
  onFailure: (error: unknown) => void,
): CacheConfirmer {
  return startCacheConfirmer(cache, {
    readMany: (orderNos) => orders.findShopperOrderRows(orderNos),
    onFailure,
  })
}
