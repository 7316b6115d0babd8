import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** The aggregator answered with an HTTP status other than 2xx. */
export class LiankeHttpError extends LiankeError {
  override readonly name = 'LiankeHttpError'

  constructor(message: string, details: LiankeErrorDetails & { status: number }) {
    const { status } = details
    super('HTTP_STATUS', message, {
      // A 5xx may come after the work was done; 429 and other 4xx are refusals before any work.
      retriable: status >= 500 || status === 429,
      maybeProcessed: status >= 500,
      ...details,
    })
  }
}
