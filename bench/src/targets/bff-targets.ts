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
 * The BFF targets (the duplicate notification only when the fixture has a paid order), their ids
 * prefixed by the variant (`bff`, `bff-pg`, `bff-pg2`). POST /api/orders rotates over the shoppers and sends a fresh
 * Idempotency-Key on every request, so each one creates a new order and a new JSAPIPay call.
 */
export function bffTargets(
  fixture: BffFixture,
  variant: { prefix: string; label: string | null } = { prefix: 'bff', label: null },
): LoadTarget[] {
  const suffix = variant.label === null ? '' : ` [${variant.label}]`
  let next = 0
  const tokens = fixture.tokens
  const targets: LoadTarget[] = [
    {
      id: `${variant.prefix}-get-order`,
      label: `BFF GET /api/orders/:order_no (${fixture.duplicateNotification ? 'paid' : 'pending'} order)${suffix}`,
      url: `${fixture.url}/api/orders/${fixture.readOrderNo}`,
      method: 'GET',
      headers: { authorization: `Bearer ${tokens[0]!}` },
    },
    {
      id: `${variant.prefix}-create-order`,
      label: `BFF POST /api/orders${suffix}`,
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
      id: `${variant.prefix}-duplicate-notify`,
      label: `BFF duplicate notification${suffix}`,
      url: `${fixture.url}${notification.path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: notification.body,
    })
  }
  return targets
}
