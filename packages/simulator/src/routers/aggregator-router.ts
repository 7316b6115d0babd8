import { Router } from '@koa/router'

import { aggregatorEndpoint } from '../aggregator/aggregator-endpoint'
import { quickpayJsapiPay } from '../routes/quickpay-jsapi-pay'
import { quickpayQuery } from '../routes/quickpay-query'
import { quickpayRefund } from '../routes/quickpay-refund'
import { quickpayRefundQuery } from '../routes/quickpay-refund-query'
import type { SimulatorContext } from '../simulator-context'

/** The aggregator's four POST routes. */
export function createAggregatorRouter(sim: SimulatorContext): Router {
  const router = new Router()
  router.post('/QuickPay/JSAPIPay', aggregatorEndpoint(sim, 'QuickPay/JSAPIPay', quickpayJsapiPay))
  router.post('/QuickPay/Query', aggregatorEndpoint(sim, 'QuickPay/Query', quickpayQuery))
  router.post('/QuickPay/Refund', aggregatorEndpoint(sim, 'QuickPay/Refund', quickpayRefund))
  router.post(
    '/QuickPay/RefundQuery',
    aggregatorEndpoint(sim, 'QuickPay/RefundQuery', quickpayRefundQuery),
  )
  return router
}
