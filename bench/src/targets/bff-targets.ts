import { randomUUID } from 'node:crypto'

import type { LoadTarget } from './load-target'
import { orderBody } from './order-body'

/** What the BFF targets need: its URL, shopper tokens, a known order and the notify path. */
export interface BffFixture {
  url: string
  tokens: readonly string[]
  /** An order of `tokens[0]`'s shopper, read by the GET target. */
  readOrderNo: string
  /** An already-paid order and the notification body the aggregator sent for it. */
  paidOrderNo: string
  notifyPath: string
  notifyBody: string
  sku: string
}

/**
 * The three BFF targets. POST /api/orders rotates over the shoppers and sends a fresh
 * Idempotency-Key on every request, so each one creates a new order and a new JSAPIPay call.
 */
export function bffTargets(fixture: BffFixture): LoadTarget[] {
  let next = 0
  const tokens = fixture.tokens
  return [
    {
      id: 'bff-get-order',
      label: 'BFF GET /api/orders/:order_no',
      url: `${fixture.url}/api/orders/${fixture.readOrderNo}`,
      method: 'GET',
      headers: { authorization: `Bearer ${tokens[0]!}` },
    },
    {
      id: 'bff-create-order',
      label: 'BFF POST /api/orders',
      url: `${fixture.url}/api/orders`,
      method: 'POST',
      body: orderBody(fixture.sku),
      setupRequest: (request) => {
        next += 1
        return {
          ...request,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[next % tokens.length]!}`,
            'idempotency-key': `bench-${randomUUID()}`,
          },
        }
      },
    },
    {
      id: 'bff-duplicate-notify',
      label: 'BFF duplicate notification',
      url: `${fixture.url}${fixture.notifyPath}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixture.notifyBody,
    },
  ]
}
