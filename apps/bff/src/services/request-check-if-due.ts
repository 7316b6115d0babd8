import type { Clock } from '../clock'
import type { OrderRecord } from '../store/records'
import type { Repository } from '../store/repository'
import type { OrderConfirmer } from './order-confirmer'

/** What reading a shopper's order with an on-demand check needs. */
export interface CheckDeps {
  repository: Repository
  clock: Clock
  confirmer: Pick<OrderConfirmer, 'requestCheck'>
  pollQueryAfterMs: number
}

/**
 * The one rule for on-demand Queries: when the store asks about a pending order (a status poll or
 * a payment claim) older than `pollQueryAfterMs` (POLL_QUERY_AFTER_SECONDS), the confirmer is
 * asked to Query it (coalesced per order, never awaited). Younger orders wait for the
 * notification, so a flood of polls right after checkout costs the aggregator nothing.
 */
export function requestCheckIfDue(
  deps: Omit<CheckDeps, 'repository'>,
  order: Pick<OrderRecord, 'order_no' | 'status' | 'created_at'>,
): void {
  if (order.status === 'pending' && deps.clock.now() - order.created_at >= deps.pollQueryAfterMs) {
    deps.confirmer.requestCheck(order.order_no)
  }
}
