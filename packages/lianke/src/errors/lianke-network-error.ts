import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** The connection failed (refused, reset, closed) before a complete answer arrived. */
export class LiankeNetworkError extends LiankeError {
  override readonly name = 'LiankeNetworkError'

  constructor(message: string, details: LiankeErrorDetails) {
    super('NETWORK', message, { retriable: true, ...details })
  }
}
