import type { FieldIssue } from '@quickpay/contracts'

import type { LiankeErrorDetails } from './lianke-error'
import { LiankeError } from './lianke-error'

/** The request broke a field rule of the aggregator's contract; nothing was sent. */
export class LiankeRequestError extends LiankeError {
  override readonly name = 'LiankeRequestError'
  /** Every field that failed, with the rule it broke. */
  readonly fields: FieldIssue[]

  constructor(message: string, fields: FieldIssue[], details: LiankeErrorDetails) {
    super('INVALID_REQUEST', message, { ...details, attempts: 0 })
    this.fields = fields
  }
}
