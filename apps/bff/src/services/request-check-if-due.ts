import type { Clock } from '../clock'
import type { OrderRecord } from '../store/repository'
import type { OrderConfirmer } from './order-confirmer'

/** How old a pending order must be before a client's poll or claim asks for a Query (default). */
export const CHECK_AFTER_MS = 3000

/**
 * The one rule for on-demand Queries: when the store asks about a pending order (a status poll or
 * a payment claim) that is older than `pollQueryAfterMs`, the confirmer is asked to Query it
 * (coalesced per order, never awaited). Younger orders wait for the notification, so a flood of
 * polls right after checkout costs the aggregator nothing.
 */
export function requestCheckIfDue(
  deps: { clock: Clock; confirmer: OrderConfirmer; pollQueryAfterMs?: number },
  order: OrderRecord,
): void {
  if (
    order.status === 'pending' &&
    deps.clock.now() - order.created_at >= (deps.pollQueryAfterMs ?? CHECK_AFTER_MS)
  ) {
    deps.confirmer.requestCheck(order.order_no)
  }
}
