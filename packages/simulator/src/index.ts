export { SIMULATOR_DEFAULTS } from './simulator-defaults'
export { SIMULATOR_FIXTURES } from './simulator-fixtures'
export type { SimulatorOptions } from './simulator-options'
export { createSimulatorApp } from './create-simulator-app'
export { startSimulator, type RunningSimulator } from './start-simulator'
export { SimulatorState } from './state/simulator-state'
export type { SimOrder, SimRefund, NotificationAttempt, WalletAttempt } from './state/sim-order'
export type { SimulatorStats } from './state/simulator-stats'
export {
  faultSettingsSchema,
  notificationFaultsSchema,
  type FaultSettings,
  type NotificationFaults,
} from './faults/fault-settings'
export { AGGREGATOR_ROUTES, type AggregatorRoute } from './aggregator/aggregator-routes'
export { NOTIFICATION_DELAYS_MS } from './notifications/notification-schedule'
export { wechatPaySign, type WechatPaySignFields } from './wechat/pay-sign'
export { SimulatorError } from './errors/simulator-error'
