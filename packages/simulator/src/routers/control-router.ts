import { Router } from '@koa/router'

import { simDeleteFaults, simGetFaults, simPutFaults } from '../routes/sim-faults'
import { simLoginCodes } from '../routes/sim-login-codes'
import { simOrderView } from '../routes/sim-order-view'
import { simReset } from '../routes/sim-reset'
import { simStats } from '../routes/sim-stats'
import { simWalletPay } from '../routes/sim-wallet-pay'
import type { SimulatorContext } from '../simulator-context'

/** The `/__sim/` control routes for tests, the demo and the E2E wallet. */
export function createControlRouter(sim: SimulatorContext): Router {
  const router = new Router({ prefix: '/__sim' })
  router.post('/login-codes', simLoginCodes(sim))
  router.post('/wallet/pay', simWalletPay(sim))
  router.get('/orders/:order_no', simOrderView(sim))
  router.put('/faults', simPutFaults(sim))
  router.delete('/faults', simDeleteFaults(sim))
  router.get('/faults', simGetFaults(sim))
  router.get('/stats', simStats(sim))
  router.post('/reset', simReset(sim))
  return router
}
