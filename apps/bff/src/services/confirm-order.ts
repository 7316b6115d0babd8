import type { CheckSource, PayResultInfo } from '@quickpay/contracts'
import { isLiankeError, type LiankeClient } from '@quickpay/lianke'

import type { Clock } from '../clock'
import { applyFailure, applyPayment, flagForReview } from '../ledger/order-ledger'
import type { Logger } from '../logger'
import type { OrderRecord } from '../store/records'
import type { Repository } from '../store/repository'

/**
 * What one Query came to for an order:
 * - `paid`: the order is paid in the database (`changed` when this call moved it);
 * - `failed`: the aggregator says FAILED and the order is (or already was) settled;
 * - `open`: the aggregator has not finished (CREATE, PAYING, UNKNOWN or a name we do not know);
 * - `absent`: the aggregator does not know the order (ORDER_NOT_FOUND);
 * - `mismatch`: the answer claims payment but store, order number or amount disagree (merchant alert);
 * - `unknown_order`: no such order here;
 * - `unavailable`: the Query itself failed (network, timeout, 5xx, garbage).
 */
export type ConfirmResult =
  | { kind: 'paid'; changed: boolean; review: boolean }
  | { kind: 'failed' }
  | { kind: 'open'; transaction_status: string }
  | { kind: 'absent' }
  | { kind: 'mismatch'; reason: string }
  | { kind: 'unknown_order' }
  | { kind: 'unavailable'; error: string }

/** What confirming an order needs. */
export interface ConfirmOrderDeps {
  repository: Repository
  lianke: LiankeClient
  clock: Clock
  logger: Logger
  storeNo: string
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

/**
 * Asks `QuickPay/Query` about one order and applies the answer through the ledger: SUCCESSED pays
 * the order only when store, order number and amount match (otherwise it is flagged once per
 * reason and stays unpaid); a payment confirmed for a closed or failed order pays it with a
 * refund-review flag; FAILED fails a pending order; anything else leaves it as it is. Every Query
 * lands on the timeline. Never throws for upstream trouble (that is `unavailable`); database
 * errors propagate.
 */
export async function confirmOrder(
  deps: ConfirmOrderDeps,
  orderNo: string,
  source: CheckSource,
): Promise<ConfirmResult> {
  const { orders } = deps.repository
  const order = await orders.find(orderNo)
  if (order === undefined) return { kind: 'unknown_order' }
  let result: PayResultInfo
  try {
    result = await deps.lianke.query({ order_no: orderNo })
  } catch (error) {
    const code = isLiankeError(error) ? error.code : 'INTERNAL'
    const resultCode = isLiankeError(error) ? (error.resultCode ?? null) : null
    await orders.addEvent(orderNo, deps.clock.now(), {
      kind: 'query',
      detail: { source, error: code, result_code: resultCode },
    })
    if (code === 'ORDER_NOT_FOUND') return { kind: 'absent' }
    deps.logger.warn({ order_no: orderNo, error: code }, 'Query failed')
    return { kind: 'unavailable', error: code }
  }
  const now = deps.clock.now()
  // Status and amounts, never the buyer.
  await orders.addEvent(orderNo, now, {
    kind: 'query',
    detail: {
      source,
      transaction_status: result.transaction_status,
      total_amount: result.total_amount ?? null,
      cash_amount: result.cash_amount ?? null,
      coupon_amount: result.coupon_amount ?? null,
      transaction_no: result.transaction_no ?? null,
    },
  })
  switch (result.transaction_status) {
    case 'SUCCESSED': {
      const reason = mismatchOf(order, result, deps.storeNo)
      if (reason !== undefined) {
        // One alert per distinct reason: a notification flood or the reconciler must not bury the merchant.
        if (!(order.needs_review && order.review_reason === reason)) {
          await deps.repository.transaction((tx) => flagForReview(tx, order, reason, now))
          deps.logger.warn({ order_no: orderNo, reason }, 'merchant alert: payment not accepted')
        }
        return { kind: 'mismatch', reason }
      }
      const applied = await deps.repository.transaction((tx) =>
        applyPayment(tx, order, result, source, now),
      )
      if (applied.alert !== undefined) {
        deps.logger.warn({ order_no: orderNo, reason: applied.alert }, 'merchant alert')
      }
      return { kind: 'paid', changed: applied.changed, review: applied.review }
    }
    case 'FAILED':
      await deps.repository.transaction((tx) => applyFailure(tx, order, source, now))
      return { kind: 'failed' }
    default:
      return { kind: 'open', transaction_status: result.transaction_status }
  }
}
