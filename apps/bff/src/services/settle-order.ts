import type { PayResultInfo } from '@quickpay/contracts'
import { isLiankeError, type LiankeClient } from '@quickpay/lianke'

import type { Clock } from '../clock'
import type { Logger } from '../logger'
import type { OrderRecord, Repository } from '../store/repository'

/** Why a check was made, kept on the timeline. */
export type CheckSource = 'notification' | 'poll' | 'reconciler' | 'admin'

/**
 * What one Query came to for an order:
 * - `paid`: the order is paid in the database (`changed` when this call moved it);
 * - `failed`: the aggregator says FAILED and the order is (or already was) settled;
 * - `open`: the aggregator has not finished (CREATE, PAYING, UNKNOWN or a name we do not know);
 * - `absent`: the aggregator does not know the order (ORDER_NOT_EXIST);
 * - `mismatch`: the answer claims payment but store, order number or amount disagree (merchant alert);
 * - `unknown_order`: no such order here;
 * - `unavailable`: the Query itself failed (network, timeout, 5xx, garbage).
 */
export type SettleResult =
  | { kind: 'paid'; changed: boolean; review: boolean }
  | { kind: 'failed' }
  | { kind: 'open'; transaction_status: string }
  | { kind: 'absent' }
  | { kind: 'mismatch'; reason: string }
  | { kind: 'unknown_order' }
  | { kind: 'unavailable'; error: string }

/** What settling an order needs. */
export interface SettleOrderDeps {
  repository: Repository
  lianke: LiankeClient
  clock: Clock
  logger: Logger
  storeNo: string
}

/** Statuses from which a confirmed payment is applied: `pending` normally, the others flagged for review (R9/R14). */
const LATE_PAYMENT_FROM = ['closed', 'failed'] as const

/** China Standard Time, which the aggregator's `yyyy-MM-dd HH:mm:ss` times are in. */
function paidAtOf(result: PayResultInfo, fallback: number): number {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(result.transaction_time ?? '')
  if (match === null) return fallback
  const parsed = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}+08:00`)
  return Number.isFinite(parsed) ? parsed : fallback
}

/** The reason a payment answer cannot be trusted for this order, or undefined when it checks out. */
function mismatchOf(
  order: OrderRecord,
  result: PayResultInfo,
  storeNo: string,
): string | undefined {
  if (result.order_no !== order.order_no) return `order_no mismatch (${result.order_no ?? 'none'})`
  if (result.store_no !== storeNo) return `store_no mismatch (${result.store_no ?? 'none'})`
  const total = result.total_amount
  if (total !== order.amount)
    return `amount mismatch: paid ${total ?? 'none'}, order ${order.amount}`
  const cash = result.cash_amount
  const coupon = result.coupon_amount ?? 0
  if (cash !== null && cash !== undefined && cash + coupon !== total) {
    return `amount mismatch: cash ${cash} + coupon ${coupon} != total ${total}`
  }
  return undefined
}

/** The Query answer as the timeline keeps it: status and amounts, never the buyer. */
function queryDetail(result: PayResultInfo): Record<string, unknown> {
  return {
    transaction_status: result.transaction_status,
    total_amount: result.total_amount ?? null,
    cash_amount: result.cash_amount ?? null,
    coupon_amount: result.coupon_amount ?? null,
    transaction_no: result.transaction_no ?? null,
  }
}


async function applyPayment(
  deps: SettleOrderDeps,
  order: OrderRecord,
  result: PayResultInfo,
  source: CheckSource,
  now: number,
): Promise<SettleResult> {
  const patch = {
    transaction_no: result.transaction_no ?? null,
    paid_at: paidAtOf(result, now),
    next_check_at: null,
  }
  return deps.repository.transaction(async (tx) => {
    if (await tx.transitionOrder(order.order_no, ['pending'], 'paid', patch, now)) {
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'transition',
        detail: { from: 'pending', to: 'paid', source },
      })
      return { kind: 'paid', changed: true, review: false }
    }
    const current = await tx.findOrder(order.order_no)
    const from = current?.status
    if (from === 'closed' || from === 'failed') {
      const reason = `paid after ${from === 'closed' ? 'close' : 'failure'}: refund review`
      await tx.transitionOrder(
        order.order_no,
        LATE_PAYMENT_FROM,
        'paid',
        { ...patch, needs_review: true, review_reason: reason },
        now,
      )
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'transition',
        detail: { from, to: 'paid', source },
      })
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'alert',
        detail: { reason },
      })
      deps.logger.warn({ order_no: order.order_no, reason }, 'merchant alert')
      return { kind: 'paid', changed: true, review: true }
    }
    return { kind: 'paid', changed: false, review: current?.needs_review ?? false }
  })
}

async function flagMismatch(
  deps: SettleOrderDeps,
  order: OrderRecord,
  reason: string,
  now: number,
): Promise<SettleResult> {
  // One alert per distinct reason: a notification flood or the reconciler must not bury the merchant.
  if (!(order.needs_review && order.review_reason === reason)) {
    await deps.repository.transaction(async (tx) => {
      await tx.updateOrder(order.order_no, { needs_review: true, review_reason: reason }, now)
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'alert',
        detail: { reason },
      })
    })
    deps.logger.warn({ order_no: order.order_no, reason }, 'merchant alert: payment not accepted')
  }
  return { kind: 'mismatch', reason }
}

async function applyFailure(
  deps: SettleOrderDeps,
  order: OrderRecord,
  source: CheckSource,
  now: number,
) {
  // A stale FAILED never moves a paid order back (R9); on a closed order it only ends the checks.
  await deps.repository.transaction(async (tx) => {
    if (
      await tx.transitionOrder(order.order_no, ['pending'], 'failed', { next_check_at: null }, now)
    ) {
      await tx.addOrderEvent({
        order_no: order.order_no,
        at: now,
        kind: 'transition',
        detail: { from: 'pending', to: 'failed', source },
      })
    }
  })
  return { kind: 'failed' } as const
}

/**
 * Asks `QuickPay/Query` about one order and applies the answer with conditional transitions
 * (R7, R9, R14): SUCCESSED moves pending → paid only when store, order number and amount match
 * (otherwise the order is flagged and stays unpaid); a payment confirmed for a closed or failed
 * order moves it to paid and flags it for refund review; FAILED moves pending → failed; anything
 * else leaves the order as it is. Every Query lands on the timeline. Never throws for upstream
 * trouble (that is `unavailable`); database errors propagate.
 */
export async function settleOrder(
  deps: SettleOrderDeps,
  orderNo: string,
  source: CheckSource,
): Promise<SettleResult> {
  const order = await deps.repository.findOrder(orderNo)
  if (order === undefined) return { kind: 'unknown_order' }
  let result: PayResultInfo
  try {
    result = await deps.lianke.query({ order_no: orderNo })
  } catch (error) {
    const now = deps.clock.now()
    const absent = isLiankeError(error) && error.code === 'ORDER_NOT_FOUND'
    const code = isLiankeError(error) ? error.code : 'INTERNAL'
    await deps.repository.addOrderEvent({
      order_no: orderNo,
      at: now,
      kind: 'query',
      detail: {
        source,
        error: code,
        result_code: isLiankeError(error) ? (error.resultCode ?? null) : null,
      },
    })
    if (absent) return { kind: 'absent' }
    deps.logger.warn({ order_no: orderNo, error: code }, 'Query failed')
    return { kind: 'unavailable', error: code }
  }
  const now = deps.clock.now()
  await deps.repository.addOrderEvent({
    order_no: orderNo,
    at: now,
    kind: 'query',
    detail: { source, ...queryDetail(result) },
  })
  switch (result.transaction_status) {
    case 'SUCCESSED': {
      const reason = mismatchOf(order, result, deps.storeNo)
      if (reason !== undefined) return flagMismatch(deps, order, reason, now)
      return applyPayment(deps, order, result, source, now)
    }
    case 'FAILED':
      return applyFailure(deps, order, source, now)
    default:
      return { kind: 'open', transaction_status: result.transaction_status }
  }
}
