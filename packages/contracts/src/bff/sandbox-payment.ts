import * as z from 'zod'

import { walletOutcomeSchema } from '../simulator/wallet'

/**
 * `POST /api/sandbox/payments` (sandbox mode only): the sandbox cashier pays the caller's order
 * through the simulator's wallet, as the caller. The answer is what the wallet's client API said.
 */
export const sandboxPaymentRequestSchema = z.strictObject({
  order_no: z.string().min(1).max(32),
  outcome: walletOutcomeSchema,
})

/** A sandbox cashier payment request. */
export type SandboxPaymentRequest = z.infer<typeof sandboxPaymentRequestSchema>
