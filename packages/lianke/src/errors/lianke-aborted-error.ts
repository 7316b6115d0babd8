import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** The caller's `signal` aborted the call; if a request was already on its way it may have been processed. */
export class LiankeAbortedError extends LiankeError {
  override readonly name = 'LiankeAbortedError'

  constructor(message: string, details: LiankeErrorDetails) {
    super('ABORTED', message, { retriable: false, ...details })
  }
}
