import { MAX_QUANTITY } from '@quickpay/contracts'
import { describe, expect, it } from 'vitest'

import { cartStore } from '../../src/cart/cart-store'
import { memoryStorage } from '../support/memory-storage'

describe('the cart', () => {
  it('adds, counts and builds the order body with only sku and quantity', () => {
    const cart = cartStore(memoryStorage())
    cart.add('coffee-500g')
    cart.add('coffee-500g')
    cart.add('tea-250g')
    expect(cart.count()).toBe(3)
    expect(cart.orderRequest()).toEqual({
      items: [
        { sku: 'coffee-500g', quantity: 2 },
        { sku: 'tea-250g', quantity: 1 },
      ],
    })
  })

  it('removes a line at quantity 0 and caps a line at the maximum', () => {
    const cart = cartStore(memoryStorage())
    cart.add('a')
    cart.setQuantity('a', 1000)
    expect(cart.lines()).toEqual([{ sku: 'a', quantity: MAX_QUANTITY }])
    cart.setQuantity('a', 0)
    expect(cart.lines()).toEqual([])
  })

  it('survives garbage in storage', () => {
    const storage = memoryStorage()
    storage.set('qp.cart', '{not json')
    expect(cartStore(storage).lines()).toEqual([])
  })
})
