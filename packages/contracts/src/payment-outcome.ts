import * as z from 'zod'

import { PAYMENT_OUTCOMES } from './engine-safe/payment-outcomes'

/** Validates a payment outcome. */
export const paymentOutcomeSchema = z.enum(PAYMENT_OUTCOMES, {
  error: `must be one of ${PAYMENT_OUTCOMES.join(', ')}`,
})
