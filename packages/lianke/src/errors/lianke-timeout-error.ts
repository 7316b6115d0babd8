import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** An attempt or the overall deadline ran out; the aggregator may have processed the request. */
export class LiankeTimeoutError extends LiankeError {
  override readonly name = 'LiankeTimeoutError'

  constructor(message: string, details: LiankeErrorDetails) {
    super('TIMEOUT', message, { retriable: true, maybeProcessed: true, ...details })
  }
}
