import type { OrderResponse } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { Repository, SessionRecord } from '../store/repository'
import { findOwnOrder } from './find-own-order'
import { orderView } from './order-view'

/**
 * `POST /api/orders/:order_no/cancel`: closes a pending order locally. The aggregator documents no
 * cancel route, so nothing is sent upstream; if it later reports the order paid, the confirmation
 * path moves it to `paid` and flags it for review. Cancelling a closed order again is a no-op.
 */
export async function cancelOrder(
  deps: { repository: Repository; clock: Clock },
  session: SessionRecord,
  orderNo: string,
): Promise<OrderResponse> {
  const order = await findOwnOrder(deps.repository, session, orderNo)
  const now = deps.clock.now()
  const closed = await deps.repository.transaction(async (tx) => {
    const changed = await tx.transitionOrder(order.order_no, ['pending'], 'closed', {}, now)
    if (changed) {
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'closed',
        detail: { by: 'shopper' },
      })
    }
    return tx.findOrder(order.order_no)
  })
  if (closed === undefined) throw errors.orderNotFound()
  if (closed.status !== 'closed') throw errors.orderNotPending()
  return { order: orderView(closed) }
}
