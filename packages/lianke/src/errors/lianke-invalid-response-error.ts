import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/**
 * The answer could not be trusted: not JSON, too big, the wrong shape, or a `cloudpay_param`
 * no wallet should see. The aggregator did answer, so the request may have been processed.
 */
export class LiankeInvalidResponseError extends LiankeError {
  override readonly name = 'LiankeInvalidResponseError'

  constructor(message: string, details: LiankeErrorDetails) {
    super('INVALID_RESPONSE', message, { retriable: false, maybeProcessed: true, ...details })
  }
}
