import { randomUUID } from 'node:crypto'

import type { TestApp, TestResponse } from './test-app'

/** A cart of two catalogue products: 2 × 6800 + 1 × 12800 = 26 400 fen. */
export const CART = {
  items: [
    { sku: 'coffee-beans-500g', quantity: 2 },
    { sku: 'longjing-tea-250g', quantity: 1 },
  ],
}

/** The catalogue total of CART. */
export const CART_AMOUNT = 2 * 6800 + 12800

/** Creates an order with `key` (a new one by default). */
export function createOrder(
  app: TestApp,
  token: string,
  options: { key?: string; body?: unknown } = {},
): Promise<TestResponse> {
  return app.request('POST', '/api/orders', {
    token,
    body: options.body ?? CART,
    headers: { 'idempotency-key': options.key ?? randomUUID() },
  })
}

/** The order_no of a 201 create answer. */
export function orderNoOf(response: TestResponse): string {
  return (response.json as { order: { order_no: string } }).order.order_no
}
