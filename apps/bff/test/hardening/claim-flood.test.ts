import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_CLAIMS_PER_ORDER } from '../../src/services/record-claim'
import { createOrder, orderNoOf } from '../support/orders'
import { CANARIES, simStats, startTestApp, type TestApp } from '../support/test-app'

// Regression tests for issue #12: 1,000 claims from one session were all stored (the timeline
// grew to 304 KB) and 30 concurrent payment re-issues made 30 JSAPIPay calls.

const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }

async function claimEvents(app: TestApp, orderNo: string): Promise<number> {
  const detail = await app.request('GET', `/api/admin/orders/${orderNo}`, { headers: ADMIN })
  const { timeline } = detail.json as { timeline: { kind: string }[] }
  return timeline.filter((event) => event.kind === 'client_claim').length
}

describe('#12 claims and payment re-issues cannot be flooded', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({
      db: 'sqlite',
      env: { RATE_LIMIT_CLAIMS_PER_MINUTE: '60', MAX_OPEN_ORDERS_PER_SHOPPER: '20' },
    })
  })
  afterAll(async () => {
    await app.close()
  })

  it('stores a repeated identical claim once, stops storing past the per-order cap, and rate-limits the shopper', async () => {
    const token = await app.login('wechat-miniprogram', 'claim-flooder')
    const orderNo = orderNoOf(await createOrder(app, token))
    const claim = (raw: string) =>
      app.request('POST', `/api/orders/${orderNo}/claims`, {
        token,
        body: { outcome: 'unknown', raw },
      })
    for (let i = 0; i < 5; i += 1) expect((await claim('requestPayment:fail')).status).toBe(202)
    expect(await claimEvents(app, orderNo)).toBe(1)
    for (let i = 0; i < MAX_CLAIMS_PER_ORDER + 10; i += 1) await claim(`attempt ${i}`)
    expect(await claimEvents(app, orderNo)).toBe(MAX_CLAIMS_PER_ORDER)
    const statuses: number[] = []
    for (let i = 0; i < 40; i += 1) statuses.push((await claim(`more ${i}`)).status)
    expect(statuses).toContain(429)
  })

  it('makes one JSAPIPay call for 30 concurrent re-issues of an order whose parameters were lost', async () => {
    const token = await app.login('wechat-miniprogram', 'reissue-flooder')
    const orderNo = orderNoOf(await createOrder(app, token))
    // The state a lost JSAPIPay answer leaves: the order exists, its parameters were never stored.
    await app.deps.repository.orders.update(orderNo, { cloudpay_param: null }, app.clock.now())
    const before = (await simStats(app.sim)).calls['QuickPay/JSAPIPay'] ?? 0
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        app.request('POST', `/api/orders/${orderNo}/payment`, { token }),
      ),
    )
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(((await simStats(app.sim)).calls['QuickPay/JSAPIPay'] ?? 0) - before).toBe(1)
  })
})
