import { paymentClaimRequestSchema, type OrderResponse } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import { findOwnOrder } from './find-own-order'
import { orderView } from './order-view'
import { requestCheckIfDue, type CheckDeps } from './request-check-if-due'

/**
 * Records what the wallet told the store on the timeline, never trusted: the status does not
 * change. A pending order past the on-demand age is handed to the confirmer, as a poll would.
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
  await deps.repository.orders.addEvent(order.order_no, deps.clock.now(), {
    kind: 'client_claim',
    detail: {
      outcome: parsed.data.outcome,
      ...(parsed.data.raw === undefined ? {} : { raw: parsed.data.raw }),
    },
  })
  requestCheckIfDue(deps, order)
  return { order: orderView(order) }
}
