import { randomUUID } from 'node:crypto'

import type { LoadTarget } from './load-target'
import { orderBody } from './order-body'

/** What the BFF targets need: its URL, shopper tokens, a known order and the notify path. */
export interface BffFixture {
  url: string
  tokens: readonly string[]
  /** An order of `tokens[0]`'s shopper, read by the GET target (the paid one when there is one). */
  readOrderNo: string
  /** An already-paid order's notification (path and body), or null when paying failed. */
  duplicateNotification: { orderNo: string; path: string; body: string } | null
  sku: string
}

/**
 * The BFF targets (the duplicate notification only when the fixture has a paid order). POST /api/orders rotates over the shoppers and sends a fresh
 * Idempotency-Key on every request, so each one creates a new order and a new JSAPIPay call.
 */
export function bffTargets(fixture: BffFixture): LoadTarget[] {
  let next = 0
  const tokens = fixture.tokens
  const targets: LoadTarget[] = [
    {
      id: 'bff-get-order',
      label: `BFF GET /api/orders/:order_no (${fixture.duplicateNotification ? 'paid' : 'pending'} order)`,
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
  ]
  const notification = fixture.duplicateNotification
  if (notification) {
    targets.push({
      id: 'bff-duplicate-notify',
      label: 'BFF duplicate notification',
      url: `${fixture.url}${notification.path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: notification.body,
    })
  }
  return targets
}
