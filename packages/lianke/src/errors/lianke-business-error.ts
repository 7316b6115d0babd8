import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** The aggregator answered its envelope with a `code` other than SUCCESS; `upstreamMessage` says why. */
export class LiankeBusinessError extends LiankeError {
  override readonly name = 'LiankeBusinessError'

  constructor(message: string, details: LiankeErrorDetails & { resultCode: string }) {
    super('BUSINESS', message, { retriable: false, maybeProcessed: false, ...details })
  }
}
