import { createHash, randomUUID } from 'node:crypto'

import { createLiankeClient } from '@quickpay/lianke'
import { SIMULATOR_DEFAULTS } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { orderAttach } from '../../src/services/order-attach'
import type { OrderRecord } from '../../src/store/records'
import { requestHash } from '../../src/services/request-hash'
import { TEST_DATABASES } from '../support/databases'
import { CART, CART_AMOUNT, createOrder } from '../support/orders'
import { CANARIES, simStats, startTestApp, type TestApp } from '../support/test-app'

/**
 * F4 without a real kill: the rows a BFF leaves when it dies between its own insert and the
 * aggregator's answer (an in-flight key whose lock expired, a pending order), planted as such.
 */
async function plantCrashedCreate(app: TestApp, token: string, key: string): Promise<OrderRecord> {
  const tokenHash = createHash('sha256').update(token).digest('hex')
  const session = await app.deps.repository.sessions.find(tokenHash, app.clock.now())
  if (session === undefined) throw new Error('no session')
  const now = app.clock.now()
  const orderNo = `Q20260101000000${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`
  const order: OrderRecord = {
    order_no: orderNo,
    payer_id: session.payer_id,
    channel: session.channel,
    appid: session.appid,
    paytype: 11,
    status: 'pending',
    amount: CART_AMOUNT,
    items: [
      { sku: 'coffee-beans-500g', name: '云南小粒咖啡豆 500g', quantity: 2, price: 6800 },
      { sku: 'longjing-tea-250g', name: '西湖龙井 250g', quantity: 1, price: 12800 },
    ],
    attach: orderAttach(orderNo, CANARIES.NOTIFY_SECRET),
    cloudpay_param: null,
    upstream: 'not_called',
    transaction_no: null,
    paid_at: null,
    expires_at: now + 15 * 60_000,
    created_at: now,
    updated_at: now,
    needs_review: false,
    review_reason: null,
    refunded_amount: 0,
    next_check_at: now + 30_000,
    check_attempts: 0,
    lease_owner: null,
    lease_until: null,
  }
  await app.deps.repository.transaction(async (tx) => {
    await tx.idempotency.insert({
      payer_id: session.payer_id,
      key,
      request_hash: requestHash(CART),
      state: 'in_flight',
      response_status: null,
      response_body: null,
      order_no: orderNo,
      created_at: now,
      expires_at: now + 72 * 3_600_000,
      locked_until: now + 8_000,
      lock_owner: 'another-instance#dead',
    })
    await tx.orders.insert(order)
  })
  return order
}

describe.each(TEST_DATABASES)('recovery after the BFF died mid-create on %s (F4)', (db) => {
  let app: TestApp
  let token: string
  beforeAll(async () => {
    app = await startTestApp({ db })
    token = await app.login()
  })
  afterAll(async () => {
    await app.close()
  })

  it('refuses the retry with 409 while the dead request’s lock holds, then resumes the same order', async () => {
    const key = randomUUID()
    const order = await plantCrashedCreate(app, token, key)
    const early = await createOrder(app, token, { key })
    expect(early.status).toBe(409)
    app.clock.advance(10_000)
    const retry = await createOrder(app, token, { key })
    expect(retry.status).toBe(201)
    expect(retry.json).toMatchObject({ order: { order_no: order.order_no, amount: CART_AMOUNT } })
    const replay = await createOrder(app, token, { key })
    expect(replay.text).toBe(retry.text)
    expect((await simStats(app.sim)).orders[order.order_no]?.jsapi_calls).toBe(1)
  })

  it('killed after the aggregator created the order: the retry ends with that one aggregator order', async () => {
    const key = randomUUID()
    const order = await plantCrashedCreate(app, token, key)
    // The dead BFF's JSAPIPay did reach the aggregator.
    const direct = createLiankeClient({
      baseUrl: `${app.sim.url}/`,
      storeNo: SIMULATOR_DEFAULTS.storeNo,
    })
    const first = await direct.jsapiPay({
      paytype: 11,
      appid: order.appid,
      openid: order.payer_id,
      amount: order.amount,
      order_no: order.order_no,
      attach: order.attach,
    })
    app.clock.advance(10_000)
    const retry = await createOrder(app, token, { key })
    expect(retry.status).toBe(201)
    expect(retry.json).toMatchObject({
      order: { order_no: order.order_no },
      payment: { cloudpay_param: first.cloudpay_param },
    })
    const stats = await simStats(app.sim)
    expect(Object.keys(stats.orders).filter((no) => no === order.order_no)).toHaveLength(1)
  })
})
