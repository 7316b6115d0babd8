import { queryInfoSchema } from '@quickpay/contracts'

import type { AggregatorHandler } from '../aggregator/aggregator-endpoint'
import { parseRequest } from '../aggregator/parse-request'
import { toPayResultInfo } from '../aggregator/pay-result-info'
import { requireStore } from '../aggregator/require-store'
import { SimulatorError } from '../errors/simulator-error'

/** `QuickPay/Query`: the order's `PayResultInfo`; an unknown order is `ORDER_NOT_EXIST`. */
export const quickpayQuery: AggregatorHandler = (sim, body) => {
  const info = parseRequest(queryInfoSchema, body)
  requireStore(sim, info.store_no)
  const order = sim.state.findOrder(info.order_no, info.store_no)
  if (!order) {
    throw new SimulatorError('ORDER_NOT_EXIST', `order_no ${info.order_no} does not exist`)
  }
  return toPayResultInfo(order)
}
