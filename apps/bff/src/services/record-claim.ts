import { paymentClaimRequestSchema, type OrderResponse } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import { findOwnOrder } from './find-own-order'
import { shopperOrderView } from './order-view'
import { requestCheckIfDue, type CheckDeps } from './request-check-if-due'

/** The most claims one order's timeline keeps; later ones are answered but not stored. */
export const MAX_CLAIMS_PER_ORDER = 20

/**
 * Records what the wallet told the store on the timeline, never trusted: the status does not
 * change. A claim identical to the order's last one is not stored again, and past
 * MAX_CLAIMS_PER_ORDER none is (a client in a loop must not grow the timeline or cost a durable
 * write per request). A pending order past the on-demand age is handed to the confirmer, as a poll
 * would.
 */
export async function recordClaim(
  deps: CheckDeps,
  session: SessionRecord,
  orderNo: string,
  body: unknown,
): Promise<OrderResponse> {
  const order = await findOwnOrder(deps.repository, session, orderNo)
  const parsed = paymentClaimRequestSchema.safeParse(body)
  if (!parsed.success) throw errors.validation(parsed.error)
  const detail = {
    outcome: parsed.data.outcome,
    ...(parsed.data.raw === undefined ? {} : { raw: parsed.data.raw }),
  }
  const recent = await deps.repository.orders.recentEventsOfKind(order.order_no, 'client_claim', 1)
  const repeated = JSON.stringify(recent.details[0]) === JSON.stringify(detail)
  if (!repeated && recent.total < MAX_CLAIMS_PER_ORDER) {
    await deps.repository.orders.addEvent(order.order_no, deps.clock.now(), {
      kind: 'client_claim',
      detail,
    })
  }
  requestCheckIfDue(deps, order)
  return { order: shopperOrderView(order, deps.clock.now()) }
}
