import { refundQueryInfoSchema } from '@quickpay/contracts'

import type { AggregatorHandler } from '../aggregator/aggregator-endpoint'
import { parseRequest } from '../aggregator/parse-request'
import { toRefundResultInfo } from '../aggregator/refund-result-info'
import { requireStore } from '../aggregator/require-store'
import { SimulatorError } from '../errors/simulator-error'

/** `QuickPay/RefundQuery`: the refund `refund_order_no` (our `refund_no`) of an order. */
export const quickpayRefundQuery: AggregatorHandler = (sim, body) => {
  const info = parseRequest(refundQueryInfoSchema, body)
  requireStore(sim, info.store_no)
  const order = sim.state.findOrder(info.order_no, info.store_no)
  if (!order) {
    throw new SimulatorError('ORDER_NOT_EXIST', `order_no ${info.order_no} does not exist`)
  }
  const refund = order.refunds.find((item) => item.refund_no === info.refund_order_no)
  if (!refund) {
    throw new SimulatorError(
      'REFUND_NOT_EXIST',
      `refund ${info.refund_order_no} of order_no ${info.order_no} does not exist`,
    )
  }
  return toRefundResultInfo(order, refund)
}
