import type { LiankeError } from './errors/lianke-error'
import type { LiankeRoute } from './lianke-routes'

/** What an auth hook sees and may change before each attempt is sent. */
export interface LiankeAuthRequest {
  route: LiankeRoute
  /** The full URL; the hook may add query parameters (e.g. an access_token). */
  url: URL
  /** The request headers; the hook may add one (e.g. Authorization). */
  headers: Headers
  /** The JSON body about to be sent; the hook may add fields (e.g. a signature). */
  body: Record<string, unknown>
}

/**
 * Authenticates a request. The vendor documents no authentication for the payment routes, so
 * the default is none; this hook is where an access token or a signature goes once they say.
 */
export type LiankeAuthHook = (request: LiankeAuthRequest) => void | Promise<void>

/** One HTTP attempt as reported to `onCall`, for metrics. */
export interface LiankeCallEvent {
  route: LiankeRoute
  attempt: number
  durationMs: number
  outcome: 'ok' | 'error'
  error?: LiankeError
}

/** Retry bounds; the loop is also bounded by the overall deadline. */
export interface LiankeRetryOptions {
  /** Extra attempts after the first (default 2, so at most 3 attempts). */
  limit?: number
  /** The first backoff before jitter, doubled each retry (default 200 ms). */
  baseDelayMs?: number
  /** The largest backoff (default 2000 ms). */
  maxDelayMs?: number
}

/** Settings of a Lianke client; only `baseUrl` and `storeNo` are required. */
export interface LiankeClientOptions {
  /** The aggregator's base URL, e.g. `http://127.0.0.1:4010/` (trailing slash optional). */
  baseUrl: string
  /** The merchant's store number, used when a call does not name one. */
  storeNo: string
  /** The operator sent with JSAPIPay and Refund when a call does not name one (default `WEB`). */
  operator?: string
  /** The deadline of one attempt, including reading the answer (default 10 000 ms). */
  timeoutMs?: number
  /** The deadline of a whole call across retries (default 2.5 × timeoutMs). */
  deadlineMs?: number
  /** Retry bounds (see LiankeRetryOptions). */
  retry?: LiankeRetryOptions
  /** Adds authentication to each attempt; default none. */
  auth?: LiankeAuthHook
  /** Open connections to the aggregator at most, kept alive between calls (default 32). */
  maxConnections?: number
  /**
   * Send every attempt through this fetch (given the pool as `init.dispatcher`) instead of
   * undici's `request` over the pool, the default.
   */
  fetch?: typeof fetch
  /** Lets an Alipay open_id through in `openid` instead of only the 2088 user id. */
  allowAlipayOpenId?: boolean
  /** Answers bigger than this are refused (default 1 MiB). */
  maxResponseBytes?: number
  /** Called after every HTTP attempt, for metrics. */
  onCall?: (event: LiankeCallEvent) => void
}

/** Per-call options. */
export interface LiankeCallOptions {
  /** Aborts the call, including its retries. */
  signal?: AbortSignal
}
