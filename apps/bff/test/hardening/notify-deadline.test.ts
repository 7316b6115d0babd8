import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadEnv } from '../../src/env'
import { createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder } from '../support/payments'
import { CANARIES, clearFaults, setFaults, startTestApp, type TestApp } from '../support/test-app'

// Regression test for issue #12: a notification waited up to the SDK's whole deadline (15 s by
// default) for its Query, while the aggregator gives up on a delivery after 5 s.

describe('#12 a notification answers within its Query deadline', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db: 'sqlite', env: { NOTIFY_QUERY_DEADLINE_MS: '300' } })
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers a slow Query’s notification with an error at the deadline, and the Query still settles the order', async () => {
    const shopper = await app.login('wechat-miniprogram', 'slow-query')
    const orderNo = orderNoOf(await createOrder(app, shopper))
    await payOrder(app, shopper, orderNo)
    await setFaults(app.sim, { routes: ['QuickPay/Query'], latency_ms: 1000, times: 1 })
    const started = performance.now()
    const first = await notify(app, JSON.stringify({ order_no: orderNo }))
    const waited = performance.now() - started
    expect(first.status).toBe(502)
    expect(first.text).not.toBe('SUCCESS')
    expect(waited).toBeLessThan(900)
    await clearFaults(app.sim)
    // The Query that was left running answers and pays the order; the redelivery is acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const order = await app.request('GET', `/api/orders/${orderNo}`, { token: shopper })
    expect(order.json).toMatchObject({ order: { status: 'paid' } })
    const again = await notify(app, JSON.stringify({ order_no: orderNo }))
    expect(again.text).toBe('SUCCESS')
  })

  it('refuses a deadline the aggregator would not wait for', () => {
    expect(() =>
      loadEnv({
        NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
        ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
        WECHAT_MINIPROGRAM_SECRET: 's',
        WECHAT_OA_SECRET: 's',
        NOTIFY_QUERY_DEADLINE_MS: '15000',
      }),
    ).toThrow(/NOTIFY_QUERY_DEADLINE_MS.*4500/)
  })
})
