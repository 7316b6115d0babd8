import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createReconciler, type Reconciler } from '../../src/services/reconciler'
import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { payOrder, queryCount } from '../support/payments'
import { clearFaults, setFaults, startTestApp, type TestApp } from '../support/test-app'

const MINUTE = 60_000

describe.each(TEST_DATABASES)('the reconciler on %s', (db) => {
  let app: TestApp
  let alice: string
  let reconciler: Reconciler

  /** Runs a tick every 5 s of fake time for `ms`. */
  async function runFor(ms: number): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += 5_000) {
      app.clock.advance(5_000)
      await reconciler.runOnce()
    }
  }

  async function statusOf(orderNo: string) {
    return app.deps.repository.orders.find(orderNo)
  }

  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
    })
    alice = await app.login('wechat-miniprogram', 'alice')
    reconciler = createReconciler({
      repository: app.deps.repository,
      confirmer: app.deps.confirmer,
      clock: app.clock,
      logger: app.deps.logger,
      intervalMs: 5_000,
      firstDelayMs: MINUTE,
      maxDelayMs: 15 * MINUTE,
      instanceName: 'test-instance',
      owner: 'test-instance#t1',
      leaseMs: 30_000,
    })
  })
  afterAll(async () => {
    await clearFaults(app.sim)
    await app.close()
  })
  beforeEach(async () => {
    // Settle whatever earlier tests left due, so each test counts only its own Queries.
    app.clock.advance(30 * 24 * 60 * MINUTE)
    while ((await reconciler.runOnce()).checked > 0) app.clock.advance(30 * 24 * 60 * MINUTE)
    alice = await app.login('wechat-miniprogram', 'alice')
  })

  it('settles a paid order whose notifications were all dropped, with one Query (R12)', async () => {
    await setFaults(app.sim, { notifications: { drop: true } })
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    const before = await queryCount(app.sim)
    await runFor(90_000)
    expect((await statusOf(orderNo))?.status).toBe('paid')
    expect(await queryCount(app.sim)).toBe(before + 1)
    expect((await statusOf(orderNo))?.next_check_at).toBeNull()
  })

  it('closes an unpaid order at expiry after a bounded number of Queries (R12, R14)', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const before = await queryCount(app.sim)
    await runFor(20 * MINUTE)
    const order = await statusOf(orderNo)
    expect(order?.status).toBe('closed')
    // 30 s, then backoff 2, 4, 8 min capped at the 15-minute expiry: a handful, not one per tick.
    expect(await queryCount(app.sim)).toBeLessThanOrEqual(before + 6)
    const events = await app.deps.repository.orders.listEvents(orderNo)
    expect(
      events.some((event) => event.kind === 'transition' && event.detail.to === 'closed'),
    ).toBe(true)
  })

  it('catches a payment made after the order was closed and flags it for refund review (R14)', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await runFor(16 * MINUTE)
    expect((await statusOf(orderNo))?.status).toBe('closed')
    await payOrder(app, alice, orderNo)
    await runFor(11 * MINUTE)
    const order = await statusOf(orderNo)
    expect(order).toMatchObject({
      status: 'paid',
      needs_review: true,
      review_reason: 'paid after close: refund review',
    })
  })

  it('stops re-checking a closed order after its last scheduled check', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await runFor(16 * MINUTE)
    for (let day = 0; day < 3; day += 1) {
      app.clock.advance(24 * 60 * MINUTE)
      await reconciler.runOnce()
    }
    const order = await statusOf(orderNo)
    expect(order?.status).toBe('closed')
    expect(order?.next_check_at).toBeNull()
  })

  it('closes an order the aggregator never saw (crash before the upstream call) once it expired', async () => {
    const now = app.clock.now()
    const orderNo = `QCRASH${String(now).slice(-10)}`
    await app.deps.repository.orders.insert({
      order_no: orderNo,
      payer_id: 'o-crashed-payer',
      channel: 'wechat-miniprogram',
      appid: 'wx0000000000000001',
      paytype: 11,
      status: 'pending',
      amount: 100,
      items: [],
      attach: 'x',
      cloudpay_param: null,
      upstream: 'not_called',
      transaction_no: null,
      paid_at: null,
      expires_at: now + 15 * MINUTE,
      created_at: now,
      updated_at: now,
      needs_review: false,
      review_reason: null,
      refunded_amount: 0,
      next_check_at: now + MINUTE,
      check_attempts: 0,
      lease_owner: null,
      lease_until: null,
    })
    await runFor(5 * MINUTE)
    expect((await statusOf(orderNo))?.status).toBe('pending')
    await runFor(11 * MINUTE)
    expect((await statusOf(orderNo))?.status).toBe('closed')
  })

  it('keeps an order pending while the aggregator is unreachable, then settles it', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    await setFaults(app.sim, { http_status: 503, routes: ['QuickPay/Query'] })
    try {
      await runFor(20 * MINUTE)
      expect((await statusOf(orderNo))?.status).toBe('pending')
    } finally {
      await clearFaults(app.sim)
    }
    await runFor(16 * MINUTE)
    expect((await statusOf(orderNo))?.status).toBe('paid')
  })

  it('runs on its own timer once started and stops cleanly', async () => {
    const timed = createReconciler({
      repository: app.deps.repository,
      confirmer: app.deps.confirmer,
      clock: app.clock,
      logger: app.deps.logger,
      intervalMs: 20,
      firstDelayMs: MINUTE,
      maxDelayMs: 15 * MINUTE,
      instanceName: 'test-instance',
      owner: 'test-instance#t1',
      leaseMs: 30_000,
    })
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    app.clock.advance(2 * MINUTE)
    timed.start()
    try {
      for (let waited = 0; waited < 100; waited += 1) {
        if ((await statusOf(orderNo))?.status === 'paid') break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      await timed.stop()
    }
    expect((await statusOf(orderNo))?.status).toBe('paid')
  })
  it('sweeps sessions and idempotency records past their expiry, and keeps the orders', async () => {
    const sweeper = await app.login('wechat-miniprogram', 'sweeper')
    const first = await createOrder(app, sweeper, { key: 'sweep-key-1' })
    const orderNo = orderNoOf(first)
    const payerId = (await app.deps.repository.orders.find(orderNo))?.payer_id ?? ''
    expect(await app.deps.repository.idempotency.find(payerId, 'sweep-key-1')).toBeDefined()

    app.clock.advance(71 * 60 * MINUTE)
    await reconciler.runOnce()
    expect(await app.deps.repository.idempotency.find(payerId, 'sweep-key-1')).toBeDefined()

    app.clock.advance(2 * 60 * MINUTE)
    await reconciler.runOnce()
    expect(await app.deps.repository.idempotency.find(payerId, 'sweep-key-1')).toBeUndefined()
    expect((await app.request('GET', '/api/orders', { token: sweeper })).status).toBe(401)
    expect(await app.deps.repository.orders.find(orderNo)).toBeDefined()
  })
})
