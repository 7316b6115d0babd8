import type { RouterMiddleware } from '@koa/router'

import { toPayResultInfo } from '../aggregator/pay-result-info'
import { SimulatorError } from '../errors/simulator-error'
import type { SimulatorContext } from '../simulator-context'
import { queryParam } from './query-param'

/**
 * `GET /__sim/orders/:order_no[?store_no=]`: the simulator's view of one order: status, amount,
 * payer, paytype, refunds, wallet tries and every notification attempt with its answer.
 */
export function simOrderView(sim: SimulatorContext): RouterMiddleware {
  return (ctx) => {
    sim.state.countCall('__sim/orders')
    const orderNo = ctx.params.order_no ?? ''
    const order = sim.state.findOrder(orderNo, queryParam(ctx, 'store_no'))
    if (!order) throw new SimulatorError('NOT_FOUND', `order_no ${orderNo} is not known`, 404)
    ctx.body = {
      ...order,
      created_at: new Date(order.created_at).toISOString(),
      paid_at: order.paid_at === null ? null : new Date(order.paid_at).toISOString(),
      refunds: order.refunds.map((refund) => ({
        ...refund,
        at: new Date(refund.at).toISOString(),
      })),
      pay_result: toPayResultInfo(order),
    }
  }
}
