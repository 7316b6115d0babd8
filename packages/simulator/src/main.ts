import { formatIssues } from '@quickpay/contracts'

import { simulatorEnvSchema } from './env'
import { SIMULATOR_DEFAULTS } from './simulator-defaults'
import { startSimulator } from './start-simulator'

const parsed = simulatorEnvSchema.safeParse(process.env)
if (!parsed.success) {
  console.error(`simulator: invalid settings: ${formatIssues(parsed.error)}`)
  process.exit(1)
}
const env = parsed.data
const simulator = await startSimulator({
  port: env.SIMULATOR_PORT,
  timeScale: env.SIMULATOR_TIME_SCALE,
  alipayOpenIdMode: env.SIMULATOR_ALIPAY_OPEN_ID_MODE,
})
console.log(`Lianke QuickPay + WeChat/Alipay login simulator listening on ${simulator.url}`)
console.log(
  `  store_no ${SIMULATOR_DEFAULTS.storeNo}; time scale ${env.SIMULATOR_TIME_SCALE}; ` +
    `Alipay ${env.SIMULATOR_ALIPAY_OPEN_ID_MODE ? 'open_id' : 'user_id'} mode`,
)
console.log(`  control routes: ${simulator.url}/__sim/stats, /__sim/faults, /__sim/wallet/pay`)

let stopping = false
const shutdown = (signal: string): void => {
  if (stopping) return
  stopping = true
  console.log(`simulator: ${signal}, stopping`)
  simulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('simulator: failed to stop cleanly', error)
      process.exit(1)
    },
  )
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
