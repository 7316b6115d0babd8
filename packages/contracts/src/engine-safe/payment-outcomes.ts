/**
 * What the platform told the store after the payment sheet closed. Every value is a hint:
 * only the BFF's order status is the truth.
 */
export const PAYMENT_OUTCOMES = ['claimed_paid', 'cancelled', 'failed', 'unknown'] as const

/** A normalised client payment result. */
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number]
