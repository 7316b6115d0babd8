import { z } from 'zod'

import { paymentOutcomeSchema } from '../payment-outcome'

/**
 * `POST /api/orders/:order_no/claims`: what the platform told the store. Recorded on the order's
 * timeline and never trusted; `raw` is the platform's own result text (`errMsg`, `resultCode`).
 */
export const paymentClaimRequestSchema = z.strictObject({
  outcome: paymentOutcomeSchema,
  raw: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
})

/** A client payment claim. */
export type PaymentClaimRequest = z.infer<typeof paymentClaimRequestSchema>
