import type {
  OrderStatus,
  PayResultInfo,
  RefundResultInfo,
  TransitionSource,
} from '@quickpay/contracts'

import type { OrderPatch, OrderRecord, RefundRecord } from '../store/records'
import type { Transaction } from '../store/repository'
import type { PaymentOutcome } from '../services/request-payment'

/** How a status change is made: from which statuses, why, and what else changes with it. */
export interface TransitionOptions {
  from: readonly OrderStatus[]
  source: TransitionSource
  now: number
  patch?: OrderPatch
  reason?: string
}

/**
 * The one way an order's status changes: a conditional UPDATE (only from one of `from`, so states
 * move forward even under races) and exactly one `transition` event on the timeline, in the same
 * transaction. Answers whether this call moved the order.
 */
export async function transition(
  tx: Transaction,
  order: { order_no: string },
  to: OrderStatus,
  options: TransitionOptions,
): Promise<boolean> {
  let from = options.from
  if (from.length > 1) {
    // The event names the status actually left, so read it and move only from that one.
    const current = await tx.orders.find(order.order_no)
    if (current === undefined || !from.includes(current.status)) return false
    from = [current.status]
  }
  const [left] = from
  if (left === undefined) return false
  return tx.orders.moveStatus(
    order.order_no,
    { from, to, patch: options.patch ?? {}, now: options.now },
    {
      kind: 'transition',
      detail: {
        from: left,
        to,
        source: options.source,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
      },
    },
  )
}

/** Flags an order for the merchant's review with an `alert` event (the status does not change). */
export async function flagForReview(
  tx: Transaction,
  order: { order_no: string },
  reason: string,
  now: number,
): Promise<void> {
  await tx.orders.update(order.order_no, { needs_review: true, review_reason: reason }, now)
  await tx.orders.addEvent(order.order_no, now, { kind: 'alert', detail: { reason } })
}

/** China Standard Time, which the aggregator's `yyyy-MM-dd HH:mm:ss` times are in. */
function paidAtOf(result: PayResultInfo, fallback: number): number {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(result.transaction_time ?? '')
  if (match === null) return fallback
  const parsed = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}+08:00`)
  return Number.isFinite(parsed) ? parsed : fallback
}

/**
 * Applies a confirmed payment: pending → paid; a closed or failed order is paid too (the money
 * moved) but flagged for refund review with an alert (answered as `alert`); a paid order is left
 * as it is. `changed` says whether this call moved the order.
 */
export async function applyPayment(
  tx: Transaction,
  order: OrderRecord,
  result: PayResultInfo,
  source: TransitionSource,
  now: number,
): Promise<{ changed: boolean; review: boolean; alert?: string }> {
  const patch = {
    transaction_no: result.transaction_no ?? null,
    paid_at: paidAtOf(result, now),
    next_check_at: null,
  }
  if (await transition(tx, order, 'paid', { from: ['pending'], source, now, patch })) {
    return { changed: true, review: false }
  }
  const current = await tx.orders.find(order.order_no)
  const from = current?.status
  if (from === 'closed' || from === 'failed') {
    const reason = `paid after ${from === 'closed' ? 'close' : 'failure'}: refund review`
    const review = { ...patch, needs_review: true, review_reason: reason }
    if (await transition(tx, order, 'paid', { from: [from], source, now, patch: review })) {
      await tx.orders.addEvent(order.order_no, now, { kind: 'alert', detail: { reason } })
      return { changed: true, review: true, alert: reason }
    }
  }
  return { changed: false, review: current?.needs_review ?? false }
}

/** Applies a FAILED answer: pending → failed. A stale FAILED never moves a paid order back. */
export async function applyFailure(
  tx: Transaction,
  order: { order_no: string },
  source: TransitionSource,
  now: number,
): Promise<void> {
  await transition(tx, order, 'failed', {
    from: ['pending'],
    source,
    now,
    patch: { next_check_at: null },
  })
}

const REFUNDABLE: readonly OrderStatus[] = ['paid', 'partially_refunded']

/**
 * Applies a refund's final answer: the refund's status and its event, then (when refunded) the
 * order's refunded amount and status (partially_refunded or refunded). Answers whether the refund
 * was still pending (a second final answer changes nothing).
 */
export async function applyRefundEnd(
  tx: Transaction,
  refund: RefundRecord,
  result: RefundResultInfo,
  attempts: number,
  now: number,
): Promise<boolean> {
  const refunded = result.transaction_status === 'REFUNDED'
  const to = refunded ? 'refunded' : 'failed'
  if (!(await tx.refunds.transition(refund.refund_no, ['pending'], to, { attempts }, now))) {
    return false
  }
  const { refund_no, amount } = refund
  await tx.orders.addEvent(refund.order_no, now, {
    kind: refunded ? 'refunded' : 'refund_failed',
    detail: { refund_no, amount, transaction_status: result.transaction_status },
  })
  if (!refunded) return true
  const order = await tx.orders.find(refund.order_no)
  if (order === undefined) return true
  const total = (await tx.refunds.list(refund.order_no))
    .filter((item) => item.status === 'refunded')
    .reduce((sum, item) => sum + item.amount, 0)
  const status: OrderStatus = total >= order.amount ? 'refunded' : 'partially_refunded'
  const patch = { refunded_amount: total }
  if (status === order.status) await tx.orders.update(order.order_no, patch, now)
  else await transition(tx, order, status, { from: REFUNDABLE, source: 'refund', now, patch })
  return true
}

/**
 * Stores what JSAPIPay came to: the payment parameters, the refusal (pending → failed), or that
 * the aggregator's state is unknown, each with its event. Answers the order as stored.
 */
export async function applyPaymentOutcome(
  tx: Transaction,
  order: OrderRecord,
  outcome: PaymentOutcome,
  now: number,
): Promise<OrderRecord> {
  const { order_no } = order
  // The order as stored once the outcome is applied: the update answers it where it can.
  let stored: OrderRecord | undefined
  switch (outcome.kind) {
    case 'created':
      stored = await tx.orders.setPaymentParameters(order_no, outcome.cloudpay_param, now)
      await tx.orders.addEvent(order_no, now, { kind: 'upstream_created', detail: {} })
      break
    case 'rejected':
      await tx.orders.addEvent(order_no, now, { kind: 'upstream_rejected', detail: outcome.detail })
      await transition(tx, order, 'failed', { from: ['pending'], source: 'payment_request', now })
      break
    case 'unknown':
      await tx.orders.update(order_no, { upstream: 'unknown' }, now)
      await tx.orders.addEvent(order_no, now, { kind: 'upstream_unknown', detail: outcome.detail })
      break
    case 'unavailable':
      await tx.orders.addEvent(order_no, now, {
        kind: 'upstream_unavailable',
        detail: outcome.detail,
      })
      break
  }
  stored ??= await tx.orders.find(order_no)
  if (stored === undefined) throw new Error(`order ${order_no} vanished`)
  return stored
}
