import type { RunningSimulator } from '@quickpay/simulator'

import { CANARIES, type TestApp, type TestResponse } from './test-app'

/** The notification path with the right secret. */
export const NOTIFY_PATH = `/notify/lianke/${CANARIES.NOTIFY_SECRET}`

/** Pays (or fails, cancels …) an order through the sandbox wallet, as the shopper would. */
export async function payOrder(
  app: TestApp,
  token: string,
  orderNo: string,
  outcome: 'success' | 'fail' | 'cancel' | 'unknown' = 'success',
): Promise<void> {
  const response = await app.request('POST', '/api/sandbox/payments', {
    token,
    body: { order_no: orderNo, outcome },
  })
  if (response.status !== 200) throw new Error(`wallet: ${response.status} ${response.text}`)
}

/** What the simulator would POST as the notification for an order: its Query answer (PayResultInfo). */
export async function simPayResult(
  sim: RunningSimulator,
  orderNo: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim.url}/QuickPay/Query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ store_no: 'DEMO001', order_no: orderNo }),
  })
  const envelope = (await response.json()) as { data: Record<string, unknown> }
  return envelope.data
}

/** POSTs a notification body to the BFF (JSON by default) through the right secret path. */
export function notify(
  app: TestApp,
  body: string,
  options: { contentType?: string; path?: string } = {},
): Promise<TestResponse> {
  return app.request('POST', options.path ?? NOTIFY_PATH, {
    rawBody: body,
    headers: { 'content-type': options.contentType ?? 'application/json' },
  })
}

/** The simulator's Query count so far. */
export async function queryCount(sim: RunningSimulator): Promise<number> {
  const response = await fetch(`${sim.url}/__sim/stats`)
  const stats = (await response.json()) as { calls: Record<string, number> }
  return stats.calls['QuickPay/Query'] ?? 0
}
