import type { CreateOrderRequest } from '@quickpay/contracts'

import type { KeyValueStorage } from '../lib/key-value-storage'
import { randomId } from '../lib/random-id'

const CHECKOUT_KEY = 'qp.checkout'

/** One checkout attempt: its Idempotency-Key, the body it was made for and, once known, its order. */
export interface PendingCheckout {
  key: string
  body: CreateOrderRequest
  order_no?: string
}

/**
 * The checkout attempt kept in storage. The Idempotency-Key is made once per attempt and reused
 * by every retry of it, a reload of the checkout included, so the BFF never creates a second order
 * for one intent; a different cart starts a new attempt. (重新支付 names the order it made, so it
 * needs no key.)
 */
export function pendingCheckout(
  storage: KeyValueStorage,
  newKey: () => string = () => randomId(16),
) {
  function read(): PendingCheckout | undefined {
    const raw = storage.get(CHECKOUT_KEY)
    if (raw === undefined) return undefined
    try {
      const parsed = JSON.parse(raw) as PendingCheckout
      return typeof parsed.key === 'string' && Array.isArray(parsed.body?.items)
        ? parsed
        : undefined
    } catch {
      return undefined
    }
  }

  return {
    /** The current attempt, if any. */
    current: read,

    /** The attempt for `body`: the stored one when it was made for the same body, else a new one. */
    begin(body: CreateOrderRequest): PendingCheckout {
      const existing = read()
      if (existing !== undefined && JSON.stringify(existing.body) === JSON.stringify(body))
        return existing
      const attempt: PendingCheckout = { key: newKey(), body }
      storage.set(CHECKOUT_KEY, JSON.stringify(attempt))
      return attempt
    },

    /** Remembers which order the attempt created. */
    attachOrder(orderNo: string): void {
      const existing = read()
      if (existing !== undefined)
        storage.set(CHECKOUT_KEY, JSON.stringify({ ...existing, order_no: orderNo }))
    },

    /** Ends the attempt (its order settled): the next checkout gets a new key. */
    finish(orderNo?: string): void {
      const existing = read()
      if (orderNo === undefined || existing?.order_no === orderNo) storage.remove(CHECKOUT_KEY)
    },
  }
}
