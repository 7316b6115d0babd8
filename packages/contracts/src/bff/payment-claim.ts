import * as z from 'zod'

import { paymentOutcomeSchema } from '../payment-outcome'
import { plainText } from '../plain-text'

/**
 * `POST /api/orders/:order_no/claims`: what the platform told the store. Recorded on the order's
 * timeline and never trusted; `raw` is the platform's own result text (`errMsg`, `resultCode`).
 */
export const paymentClaimRequestSchema = z.strictObject({
  outcome: paymentOutcomeSchema,
  raw: plainText(200).optional(),
})

/** A client payment claim. */
export type PaymentClaimRequest = z.infer<typeof paymentClaimRequestSchema>
