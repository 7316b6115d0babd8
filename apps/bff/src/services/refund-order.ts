import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import {
  createRefundRequestSchema,
  isFinalRefundStatus,
  type AdminOrder,
  type OrderStatus,
  type Refund,
  type RefundResultInfo,
} from '@quickpay/contracts'
import { isLiankeError, type LiankeClient } from '@quickpay/lianke'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { Logger } from '../logger'
import { applyRefundEnd } from '../ledger/order-ledger'
import type { OrderRecord, RefundRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { adminOrderView, refundView } from './admin-order-view'

/** What refunding needs. */
export interface RefundOrderDeps {
  repository: Repository
  lianke: LiankeClient
  clock: Clock
  logger: Logger
  /** RefundQuery polls after a non-final Refund answer before leaving the refund pending (default 3). */
  pollAttempts?: number
  /** Pause between those polls (default 500 ms). */
  pollDelayMs?: number
}

/** A refund as it stands after a request, with its order (the route answers 201 refunded, 202 pending). */
export interface RefundResult {
  refund: Refund
  order: AdminOrder
}

const REFUNDABLE: readonly OrderStatus[] = ['paid', 'partially_refunded']

/**
 * The refund number, derived from (order, Idempotency-Key): a retry with the key finds the same
 * refund and resends the same `refund_no`, the aggregator's way to retry a refund without paying
 * out twice. 32 characters.
 */
export function refundNumber(orderNo: string, key: string): string {
  return `R${createHash('sha256').update(`${orderNo}\u0000${key}`).digest('hex').slice(0, 31)}`
}

/** Claims the refund in one transaction: the cap Σ refunds ≤ amount is checked under the order's row lock. */
async function claimRefund(
  deps: RefundOrderDeps,
  order: OrderRecord,
  refundNo: string,
  amount: number,
  reason: string | undefined,
  now: number,
): Promise<RefundRecord> {
  return deps.repository.transaction(async (tx) => {
    // Touching the order row first serialises concurrent refunds of one order (row lock on
    // PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises every writer).
    await tx.orders.update(order.order_no, {}, now)
    const current = await tx.orders.find(order.order_no)
    if (current === undefined) throw errors.orderNotFound()
    const existing = await tx.refunds.find(refundNo)
    if (
      existing !== undefined &&
      (existing.order_no !== order.order_no || existing.amount !== amount)
    ) {
      throw errors.idempotencyKeyReused()
    }
    if (existing?.status === 'refunded' || existing?.status === 'pending') return existing
    if (!REFUNDABLE.includes(current.status)) throw errors.orderNotRefundable()
    const committed = (await tx.refunds.list(order.order_no))
      .filter((refund) => refund.status !== 'failed' && refund.refund_no !== refundNo)
      .reduce((sum, refund) => sum + refund.amount, 0)
    if (committed + amount > current.amount)
      throw errors.refundExceedsPaid(current.amount - committed)
    if (existing !== undefined) {
      // A failed refund retried with its key: the same refund_no goes out again.
      await tx.refunds.transition(refundNo, ['failed'], 'pending', {}, now)
    } else {
      await tx.refunds.insert({
        refund_no: refundNo,
        order_no: order.order_no,
        amount,
        status: 'pending',
        reason: reason ?? null,
        attempts: 0,
        created_at: now,
        updated_at: now,
      })
    }
    await tx.orders.addEvent(order.order_no, now, {
      kind: 'refund_requested',
      detail: { refund_no: refundNo, amount, retry: existing !== undefined },
    })
    const claimed = await tx.refunds.find(refundNo)
    if (claimed === undefined) throw errors.internal(new Error('refund vanished'))
    return claimed
  })
}

/**
 * Sends a pending refund to the aggregator (again): on a retry it first asks RefundQuery whether an
 * earlier attempt went through; then Refund with the same `refund_no`; then polls RefundQuery a
 * bounded number of times. A final answer is applied; a refusal marks it failed and throws; a
 * failure that may have reached the aggregator (timeout, no answer) leaves it pending — the next
 * retry with the same key, or the reconciler, finishes it — and answers it pending. Answers the
 * refund as stored afterwards.
 */
export async function driveRefund(
  deps: RefundOrderDeps,
  refund: RefundRecord,
  orderAmount: number,
): Promise<RefundRecord> {
  const attempts = refund.attempts + 1
  const ids = { order_no: refund.order_no, refund_order_no: refund.refund_no }
  try {
    let result: RefundResultInfo | undefined
    if (refund.attempts > 0) {
      try {
        result = await deps.lianke.refundQuery(ids)
      } catch (error) {
        if (!isLiankeError(error) || error.code !== 'REFUND_NOT_FOUND') throw error
      }
    }
    if (result === undefined || result.transaction_status === 'REFUNDFAILED') {
      result = await deps.lianke.refund({
        order_no: refund.order_no,
        refund_no: refund.refund_no,
        refund_amount: refund.amount,
        amount: orderAmount,
        ...(refund.reason === null ? {} : { refund_desc: refund.reason }),
      })
    }
    for (let poll = 0; poll < (deps.pollAttempts ?? 3); poll += 1) {
      if (isFinalRefundStatus(result.transaction_status)) break
      await sleep(deps.pollDelayMs ?? 500)
      result = await deps.lianke.refundQuery(ids)
    }
    if (isFinalRefundStatus(result.transaction_status)) {
      const final = result
      await deps.repository.transaction((tx) =>
        applyRefundEnd(tx, refund, final, attempts, deps.clock.now()),
      )
    } else {
      await deps.repository.refunds.transition(
        refund.refund_no,
        ['pending'],
        'pending',
        { attempts },
        deps.clock.now(),
      )
    }
  } catch (error) {
    const definite = isLiankeError(error) && !error.maybeProcessed && !error.retriable
    const now = deps.clock.now()
    await deps.repository.refunds.transition(
      refund.refund_no,
      ['pending'],
      definite ? 'failed' : 'pending',
      { attempts },
      now,
    )
    await deps.repository.orders.addEvent(refund.order_no, now, {
      kind: definite ? 'refund_failed' : 'refund_unknown',
      detail: {
        refund_no: refund.refund_no,
        error: isLiankeError(error) ? error.code : 'INTERNAL',
        result_code: isLiankeError(error) ? (error.resultCode ?? null) : null,
      },
    })
    deps.logger.warn({ refund_no: refund.refund_no, definite }, 'refund call failed')
    if (!isLiankeError(error)) throw error
    if (definite) throw errors.refundRejected(error)
  }
  const stored = await deps.repository.refunds.find(refund.refund_no)
  if (stored === undefined) throw errors.internal(new Error('refund vanished'))
  return stored
}

/**
 * Refunds part or all of a paid order. The required `Idempotency-Key` maps to one refund_no
 * (same key, same amount → the same refund; another amount → IDEMPOTENCY_KEY_REUSED); Σ refunds
 * (pending or done) never exceeds the order's amount (REFUND_EXCEEDS_PAID). A refund the
 * aggregator has not finished — slow, or unreachable after the request may have arrived — is
 * answered pending with its refund_no: the merchant retries with the same key, never a new one.
 */
export async function refundOrder(
  deps: RefundOrderDeps,
  input: { orderNo: string; body: unknown; idempotencyKey: string | undefined },
): Promise<RefundResult> {
  const key = input.idempotencyKey
  const parsed = createRefundRequestSchema.safeParse(input.body)
  if (!parsed.success) throw errors.validation(parsed.error)
  if (key === undefined) throw errors.idempotencyKeyRequired()
  const order = await deps.repository.orders.find(input.orderNo)
  if (order === undefined) throw errors.orderNotFound()
  const now = deps.clock.now()
  const refundNo = refundNumber(order.order_no, key)
  const claimed = await claimRefund(
    deps,
    order,
    refundNo,
    parsed.data.amount,
    parsed.data.reason,
    now,
  )
  const refund =
    claimed.status === 'refunded' ? claimed : await driveRefund(deps, claimed, order.amount)
  if (refund.status === 'failed') throw errors.refundRejected()
  const after = await deps.repository.orders.find(order.order_no)
  if (after === undefined) throw errors.orderNotFound()
  return { refund: refundView(refund), order: adminOrderView(after) }
}

/** After this many attempts a pending refund is left to the merchant (it stays on the order's timeline). */
export const MAX_REFUND_ATTEMPTS = 10

/**
 * Finishes a refund left pending by an upstream failure (called by the reconciler): the same
 * refund_no is queried and, if the aggregator never saw it, sent again. Never throws.
 */
export async function retryPendingRefund(
  deps: RefundOrderDeps,
  refund: RefundRecord,
): Promise<RefundRecord | undefined> {
  if (refund.attempts >= MAX_REFUND_ATTEMPTS) return undefined
  const order = await deps.repository.orders.find(refund.order_no)
  if (order === undefined) return undefined
  try {
    return await driveRefund(deps, refund, order.amount)
  } catch {
    return deps.repository.refunds.find(refund.refund_no)
  }
}
