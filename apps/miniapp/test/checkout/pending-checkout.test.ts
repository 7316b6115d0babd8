import { describe, expect, it } from 'vitest'

import { pendingCheckout } from '../../src/checkout/pending-checkout'
import { memoryStorage } from '../support/memory-storage'

const cart = { items: [{ sku: 'coffee-500g', quantity: 2 }] }

describe('the pending checkout attempt', () => {
  it('makes the key once and reuses it for every retry of the same cart, across reloads', () => {
    const storage = memoryStorage()
    let made = 0
    const newKey = () => `key-${(made += 1)}`
    const first = pendingCheckout(storage, newKey).begin(cart)
    // A reload builds a new instance over the same storage.
    const again = pendingCheckout(storage, newKey).begin({
      items: [{ sku: 'coffee-500g', quantity: 2 }],
    })
    expect(again.key).toBe(first.key)
    expect(made).toBe(1)
  })

  it('starts a new attempt with a new key when the cart changed', () => {
    const checkout = pendingCheckout(memoryStorage())
    const first = checkout.begin(cart)
    const second = checkout.begin({ items: [{ sku: 'coffee-500g', quantity: 3 }] })
    expect(second.key).not.toBe(first.key)
    expect(second.key).toMatch(/^[0-9a-f]{32}$/)
  })

  it('ends the attempt only when its own order settled', () => {
    const checkout = pendingCheckout(memoryStorage())
    const attempt = checkout.begin(cart)
    checkout.attachOrder('Q1')
    checkout.finish('Q2')
    expect(checkout.current()).toMatchObject({ key: attempt.key, order_no: 'Q1' })
    checkout.finish('Q1')
    expect(checkout.current()).toBeUndefined()
    expect(checkout.begin(cart).key).not.toBe(attempt.key)
  })
})
