import { refundInfoSchema } from '@quickpay/contracts'

import type { AggregatorHandler } from '../aggregator/aggregator-endpoint'
import { parseRequest } from '../aggregator/parse-request'
import { toRefundResultInfo } from '../aggregator/refund-result-info'
import { requireStore } from '../aggregator/require-store'
import { SimulatorError } from '../errors/simulator-error'
import type { SimRefund } from '../state/sim-order'
import { randomDigits } from '../state/random-text'

/**
 * `QuickPay/Refund`: only a `SUCCESSED` order; partial refunds add up to at most what was paid
 * (`REFUND_AMOUNT_EXCEEDED`); a refund is final at once (`REFUNDED`, or `REFUNDFAILED` under the
 * `refund_outcome: 'fail'` fault). `refund_no` is idempotent: the same one with the same amount
 * answers the same refund (and retries a failed one); with another amount it is `REFUND_NO_CONFLICT`.
 */
export const quickpayRefund: AggregatorHandler = (sim, body, faults) => {
  const info = parseRequest(refundInfoSchema, body)
  requireStore(sim, info.store_no)
  const order = sim.state.findOrder(info.order_no, info.store_no)
  if (!order) {
    throw new SimulatorError('ORDER_NOT_EXIST', `order_no ${info.order_no} does not exist`)
  }
  const existing = order.refunds.find((refund) => refund.refund_no === info.refund_no)
  if (existing && existing.refund_amount !== info.refund_amount) {
    throw new SimulatorError(
      'REFUND_NO_CONFLICT',
      `refund_no ${info.refund_no} was already used for refund_amount ${existing.refund_amount}`,
    )
  }
  if (existing?.status === 'REFUNDED') return toRefundResultInfo(order, existing)
  if (order.status !== 'SUCCESSED') {
    throw new SimulatorError(
      'ORDER_NOT_PAID',
      `order_no ${order.order_no} is not paid (status ${order.status})`,
    )
  }
  if (info.amount !== undefined && info.amount !== order.amount) {
    throw new SimulatorError('PARAM_ERROR', `amount: must equal the order amount ${order.amount}`)
  }
  const refunded = order.refunds
    .filter((refund) => refund.status === 'REFUNDED')
    .reduce((sum, refund) => sum + refund.refund_amount, 0)
  if (refunded + info.refund_amount > order.cash_amount) {
    throw new SimulatorError(
      'REFUND_AMOUNT_EXCEEDED',
      `refund_amount ${info.refund_amount} exceeds what is left to refund (${order.cash_amount - refunded} of ${order.cash_amount})`,
    )
  }
  const failed = faults?.refund_outcome === 'fail'
  const refund: SimRefund = existing ?? {
    refund_no: info.refund_no,
    refund_amount: info.refund_amount,
    status: 'REFUNDFAILED',
    refund_transaction_no: null,
    operator: info.operator,
    refund_desc: info.refund_desc ?? null,
    at: sim.config.clock(),
  }
  refund.status = failed ? 'REFUNDFAILED' : 'REFUNDED'
  refund.refund_transaction_no = failed ? null : `50${randomDigits(26)}`
  refund.at = sim.config.clock()
  if (!existing) order.refunds.push(refund)
  return toRefundResultInfo(order, refund)
}
