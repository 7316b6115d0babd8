import { classifyRefusal } from './classify-refusal'
import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/**
 * The aggregator answered its envelope with a `code` other than SUCCESS; `upstreamMessage` says
 * why and `code` classifies it (ORDER_EXISTS, ORDER_NOT_FOUND, REFUND_NOT_FOUND or BUSINESS).
 */
export class LiankeBusinessError extends LiankeError {
  override readonly name = 'LiankeBusinessError'

  constructor(message: string, details: LiankeErrorDetails & { resultCode: string }) {
    super(classifyRefusal(details.route, details.resultCode, details.upstreamMessage), message, {
      retriable: false,
      maybeProcessed: false,
      ...details,
    })
  }
}
