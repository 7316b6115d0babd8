import type { OrderResponse } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import { transition } from '../ledger/order-ledger'
import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { findOwnOrder } from './find-own-order'
import { shopperOrderView } from './order-view'

/**
 * Closes the caller's pending order locally. The aggregator documents no cancel route, so nothing
 * is sent upstream; if it later reports the order paid, confirmation moves it to `paid` and flags
 * it for review. Cancelling a closed order again changes nothing; any other status is
 * ORDER_NOT_PENDING.
 */
export async function cancelOrder(
  deps: { repository: Repository; clock: Clock },
  session: SessionRecord,
  orderNo: string,
): Promise<OrderResponse> {
  const order = await findOwnOrder(deps.repository, session, orderNo)
  const now = deps.clock.now()
  const closed = await deps.repository.transaction(async (tx) => {
    await transition(tx, order, 'closed', { from: ['pending'], source: 'shopper', now })
    return tx.orders.find(order.order_no)
  })
  if (closed === undefined) throw errors.orderNotFound()
  if (closed.status !== 'closed') throw errors.orderNotPending()
  return { order: shopperOrderView(closed, now) }
}
