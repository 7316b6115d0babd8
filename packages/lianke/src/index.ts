export { createLiankeClient, type LiankeClient } from './create-lianke-client'
export type {
  LiankeAuthHook,
  LiankeAuthRequest,
  LiankeCallEvent,
  LiankeCallOptions,
  LiankeClientOptions,
  LiankeRetryOptions,
} from './lianke-client-options'
export { LIANKE_ROUTES, type LiankeRoute } from './lianke-routes'
export type { JsapiPayInput } from './routes/jsapi-pay'
export type { QueryInput } from './routes/query'
export type { RefundInput } from './routes/refund'
export type { RefundQueryInput } from './routes/refund-query'
export { isOrderExistsError } from './is-order-exists-error'
export { LiankeError, type LiankeErrorDetails } from './errors/lianke-error'
export type { LiankeErrorCode } from './errors/lianke-error-code'
export { classifyRefusal } from './errors/classify-refusal'
export { LiankeRequestError } from './errors/lianke-request-error'
export { LiankeNetworkError } from './errors/lianke-network-error'
export { LiankeTimeoutError } from './errors/lianke-timeout-error'
export { LiankeHttpError } from './errors/lianke-http-error'
export { LiankeBusinessError } from './errors/lianke-business-error'
export { LiankeInvalidResponseError } from './errors/lianke-invalid-response-error'
export { LiankeAbortedError } from './errors/lianke-aborted-error'
export { isLiankeError } from './errors/is-lianke-error'
