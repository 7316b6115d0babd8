import { markReviewedRequestSchema, type AdminOrder } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { consoleErrors } from '../errors/console-errors'
import { errors } from '../errors/errors'
import type { Repository } from '../store/repository'
import { adminOrderView } from './admin-order-view'

/**
 * Clears an order's review flag and records who cleared what on its timeline (`reviewed`, with the
 * reason it cleared and the merchant's note), in one transaction; the status does not change.
 * ORDER_NOT_FLAGGED when the flag is already clear (a second click changes nothing).
 */
export async function markReviewed(
  deps: { repository: Repository; clock: Clock },
  orderNo: string,
  body: unknown,
): Promise<{ order: AdminOrder }> {
  const parsed = markReviewedRequestSchema.safeParse(body ?? {})
  if (!parsed.success) throw errors.validation(parsed.error)
  const note = parsed.data.note
  const now = deps.clock.now()
  const order = await deps.repository.transaction(async (tx) => {
    // Touching the row first takes its lock, so two reviews of one order are serialised.
    if (!(await tx.orders.update(orderNo, {}, now))) throw errors.orderNotFound()
    const current = await tx.orders.find(orderNo)
    if (current === undefined) throw errors.orderNotFound()
    if (!current.needs_review) throw consoleErrors.notFlagged()
    await tx.orders.update(orderNo, { needs_review: false, review_reason: null }, now)
    await tx.orders.addEvent(orderNo, now, {
      kind: 'reviewed',
      detail: { reason: current.review_reason, ...(note === undefined ? {} : { note }) },
    })
    return tx.orders.find(orderNo)
  })
  if (order === undefined) throw errors.orderNotFound()
  return { order: adminOrderView(order) }
}
