import type { CreateOrderResponse } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import { applyPaymentOutcome } from '../ledger/order-ledger'
import type { OrderRecord, SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { findOwnOrder } from './find-own-order'
import { shopperOrderView } from './order-view'
import { requestPayment, type RequestPaymentDeps } from './request-payment'

/** JSAPIPay calls under way for re-issues, by order number. */
const inFlight = new Map<string, Promise<OrderRecord>>()

/** Asks JSAPIPay for an order whose parameters were never stored, and stores what came of it. */
async function requestParameters(
  deps: ReissuePaymentDeps,
  pending: OrderRecord,
): Promise<OrderRecord> {
  const outcome = await requestPayment(deps, pending)
  const stored = await deps.repository.transaction((tx) =>
    applyPaymentOutcome(tx, pending, outcome, deps.clock.now()),
  )
  if (outcome.kind !== 'created') throw outcome.error
  return stored
}

/** What re-issuing payment parameters needs. */
export interface ReissuePaymentDeps extends RequestPaymentDeps {
  repository: Repository
  clock: Clock
}

/**
 * The payment parameters again for the caller's pending order (after a cancelled payment sheet).
 * Safe to repeat, so it takes no Idempotency-Key: the stored parameters are answered again, and if
 * the aggregator's answer was never stored JSAPIPay is asked again with the same order_no (the
 * SDK resolves "order exists" through Query), which cannot create a second aggregator order. An
 * order that is no longer pending is ORDER_NOT_PENDING, a final answer.
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
    // Concurrent re-issues of one order share one JSAPIPay call (in this process).
    let asking = inFlight.get(order.order_no)
    if (asking === undefined) {
      const pending = order
      asking = requestParameters(deps, pending).finally(() => inFlight.delete(pending.order_no))
      inFlight.set(order.order_no, asking)
    }
    order = await asking
  }
  // One event per re-issued order, not per request: the timeline says it happened.
  const earlier = await deps.repository.orders.recentEventsOfKind(
    order.order_no,
    'payment_reissued',
    1,
  )
  if (earlier.total === 0) {
    await deps.repository.orders.addEvent(order.order_no, deps.clock.now(), {
      kind: 'payment_reissued',
      detail: {},
    })
  }
  return {
    order: shopperOrderView(order, deps.clock.now()),
    payment: { paytype: order.paytype, cloudpay_param: order.cloudpay_param ?? '' },
  }
}
