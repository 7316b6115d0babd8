export { createApp } from './app'
export { createAppDeps } from './create-app-deps'
export type { AppDeps } from './app-deps'
export type { AppState } from './app-state'
export { loadEnv, EnvError, type Env } from './env'
export { systemClock, type Clock } from './clock'
export { createLogger, REDACTED_PATHS, type Logger } from './logger'
export { AppError, isAppError, type AppErrorOptions } from './errors/app-error'
export { errors } from './errors/errors'
export { errorBody } from './errors/error-body'
export { createRepository } from './store/create-repository'
export { isDatabaseUnavailable } from './store/is-database-unavailable'
export type {
  IdempotencyRecord,
  NotificationRecord,
  OrderEventRecord,
  OrderLineRecord,
  OrderPatch,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  RefundStatus,
  Repository,
  SessionRecord,
  UpstreamState,
} from './store/repository'
export {
  createOrderConfirmer,
  noopConfirmer,
  type CoalescingOrderConfirmer,
  type OrderConfirmer,
  type OrderConfirmerDeps,
} from './services/order-confirmer'
export {
  CLOSED_RECHECK_DELAYS_MS,
  backoffDelay,
  createReconciler,
  noopReconciler,
  type PollingReconciler,
  type ReconcileSummary,
  type Reconciler,
  type ReconcilerDeps,
} from './services/reconciler'
export { settleOrder, type CheckSource, type SettleResult } from './services/settle-order'
export {
  NOTIFICATION_ORDER_FIELDS,
  notificationOrderNo,
  type NotificationOutcome,
} from './services/receive-notification'
export { refundNumber, retryPendingRefund, type RefundAnswer } from './services/refund-order'
export { maskPayerId } from './services/admin-order-view'
export { createMetrics, type Metrics, type MetricsSources } from './metrics/create-metrics'
export { openApiDocument } from './openapi/openapi-document'
export { orderAttach } from './services/order-attach'
export { orderView } from './services/order-view'
export { DEMO_CATALOGUE, type DemoProduct } from './catalogue/demo-catalogue'
export { STATEMENT_CACHE_SIZE, withStatementCache } from './store/statement-cache'
