import type { CreateOrderRequest } from '@quickpay/contracts'
import { MAX_QUANTITY } from '@quickpay/contracts/engine-safe'

import type { KeyValueStorage } from '../lib/key-value-storage'

const CART_KEY = 'qp.cart'

/** One cart line: a sku and how many. */
export interface CartLine {
  sku: string
  quantity: number
}

/** The shopping cart in storage, so it survives reloads and the H5 login redirect. */
export function cartStore(storage: KeyValueStorage) {
  function read(): CartLine[] {
    const raw = storage.get(CART_KEY)
    if (raw === undefined) return []
    try {
      const parsed: unknown = JSON.parse(raw)
      if (!Array.isArray(parsed)) return []
      return parsed.filter(
        (line): line is CartLine =>
          typeof (line as CartLine).sku === 'string' &&
          Number.isInteger((line as CartLine).quantity) &&
          (line as CartLine).quantity > 0,
      )
    } catch {
      return []
    }
  }

  function write(lines: CartLine[]): void {
    storage.set(CART_KEY, JSON.stringify(lines.filter((line) => line.quantity > 0)))
  }

  return {
    /** The lines in the order they were added. */
    lines: read,

    /** How many items in total (for the cart badge). */
    count(): number {
      return read().reduce((sum, line) => sum + line.quantity, 0)
    },

    /** Adds one of `sku`, up to the per-line maximum. */
    add(sku: string): void {
      const lines = read()
      const line = lines.find((candidate) => candidate.sku === sku)
      if (line === undefined) lines.push({ sku, quantity: 1 })
      else line.quantity = Math.min(MAX_QUANTITY, line.quantity + 1)
      write(lines)
    },

    /** Sets a line's quantity; 0 removes it. */
    setQuantity(sku: string, quantity: number): void {
      const clamped = Math.max(0, Math.min(MAX_QUANTITY, Math.floor(quantity)))
      write(read().map((line) => (line.sku === sku ? { sku, quantity: clamped } : line)))
    },

    /** Empties the cart (after the order was created). */
    clear(): void {
      storage.remove(CART_KEY)
    },

    /** The `POST /api/orders` body for the current cart. */
    orderRequest(): CreateOrderRequest {
      return { items: read().map(({ sku, quantity }) => ({ sku, quantity })) }
    },
  }
}
