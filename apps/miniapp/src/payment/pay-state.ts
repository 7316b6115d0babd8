import type { ShopperOrder, PaymentOutcome } from '@quickpay/contracts'

/**
 * What the pay page shows. Only `paid` means money arrived, and only because the BFF said so;
 * `confirming` covers every client claim until then.
 */
export type PayPhase =
  | 'loading'
  | 'ready'
  | 'paying'
  | 'confirming'
  | 'still_confirming'
  | 'paid'
  | 'refunded'
  | 'failed'
  | 'cancelled'
  | 'closed'
  | 'not_found'
  | 'error'

/** The pay page's state: the phase, the BFF's latest order and what the client reported. */
export interface PayState {
  phase: PayPhase
  order?: ShopperOrder
  outcome?: PaymentOutcome
  /** A Chinese message for `error` (and for a failed payment call). */
  message?: string
  /** Whether 重新支付 is offered: the order is still pending and nothing suggests it was paid. */
  canPayAgain: boolean
}
