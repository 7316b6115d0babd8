import type { LiankeRoute } from '../lianke-routes'
import type { LiankeErrorCode } from './lianke-error-code'

/** What a `LiankeError` can say about the call that failed, beyond its message. */
export interface LiankeErrorDetails {
  route: LiankeRoute
  orderNo?: string | undefined
  attempts?: number | undefined
  status?: number | undefined
  resultCode?: string | undefined
  upstreamMessage?: string | undefined
  retriable?: boolean | undefined
  maybeProcessed?: boolean | undefined
  cause?: unknown
}

/** The one base class of every error the Lianke client throws; `code` tells the kind apart. */
export class LiankeError extends Error {
  override readonly name: string = 'LiankeError'
  /** The kind of failure (see LiankeErrorCode); refusals are classified, so callers switch on it. */
  readonly code: LiankeErrorCode
  /** The aggregator route that was called, e.g. `QuickPay/JSAPIPay`. */
  readonly route: LiankeRoute
  /** The merchant order number the call was about, when there was one. */
  readonly orderNo: string | undefined
  /** How many HTTP attempts were made before giving up (0 when nothing was sent). */
  attempts: number
  /** The HTTP status of the answer, when one arrived. */
  readonly status: number | undefined
  /** The envelope's `code` when the aggregator answered one other than SUCCESS. */
  readonly resultCode: string | undefined
  /** The envelope's `msg`, the aggregator's own words. */
  readonly upstreamMessage: string | undefined
  /** True when sending the same request again may succeed (network, deadline, 5xx, 429). */
  readonly retriable: boolean
  /**
   * True when the request may have reached the aggregator and been processed although no
   * readable answer came back: the caller should resolve the outcome through Query.
   */
  readonly maybeProcessed: boolean

  constructor(code: LiankeErrorCode, message: string, details: LiankeErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.route = details.route
    this.orderNo = details.orderNo
    this.attempts = details.attempts ?? 0
    this.status = details.status
    this.resultCode = details.resultCode
    this.upstreamMessage = details.upstreamMessage
    this.retriable = details.retriable ?? false
    this.maybeProcessed = details.maybeProcessed ?? false
  }
}
