import type { CreateOrderResponse } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { Repository, SessionRecord } from '../store/repository'
import { findOwnOrder } from './find-own-order'
import { orderView } from './order-view'
import { recordPaymentOutcome, requestPayment, type RequestPaymentDeps } from './request-payment'

/** What re-issuing payment parameters needs. */
export interface ReissuePaymentDeps extends RequestPaymentDeps {
  repository: Repository
  clock: Clock
}

/**
 * `POST /api/orders/:order_no/payment`: the payment parameters again for a pending order (after a
 * cancelled payment sheet). If the aggregator's answer was never stored, JSAPIPay is asked again
 * with the same order_no (the SDK resolves "order exists" through Query).
 */
export async function reissuePayment(
  deps: ReissuePaymentDeps,
  session: SessionRecord,
  orderNo: string,
): Promise<CreateOrderResponse> {
  let order = await findOwnOrder(deps.repository, session, orderNo)
  if (order.status !== 'pending' || order.expires_at <= deps.clock.now()) {
    throw errors.orderNotPending()
  }
  if (order.cloudpay_param === null) {
    const outcome = await requestPayment(deps, order)
    const pending = order
    order = await deps.repository.transaction((tx) =>
      recordPaymentOutcome(tx, pending, outcome, deps.clock.now()),
    )
    if (outcome.kind !== 'created') throw outcome.error
  }
  await deps.repository.addOrderEvent({
    order_no: order.order_no,
    at: deps.clock.now(),
    kind: 'payment_reissued',
    detail: {},
  })
  return {
    order: orderView(order),
    payment: { paytype: order.paytype as 11 | 21, cloudpay_param: order.cloudpay_param ?? '' },
  }
}
