import { randomUUID } from 'node:crypto'

import { createOrderResponseSchema, parseCloudpayParam } from '@quickpay/contracts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { CART, CART_AMOUNT, createOrder, orderNoOf } from '../support/orders'
import {
  CANARIES,
  clearFaults,
  setFaults,
  simStats,
  startTestApp,
  type TestApp,
} from '../support/test-app'

describe.each(TEST_DATABASES)('POST /api/orders on %s', (db) => {
  let app: TestApp
  let alice: string
  let bob: string
  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
    })
    alice = await app.login('wechat-miniprogram', 'alice')
    bob = await app.login('wechat-miniprogram', 'bob')
  })
  afterAll(async () => {
    await app.close()
  })
  afterEach(async () => {
    await clearFaults(app.sim)
  })

  it('prices the cart from the catalogue and answers 201 with payment parameters the wallet can use', async () => {
    const response = await createOrder(app, alice)
    expect(response.status).toBe(201)
    const body = createOrderResponseSchema.parse(response.json)
    expect(body.order).toMatchObject({
      status: 'pending',
      amount: CART_AMOUNT,
      channel: 'wechat-miniprogram',
    })
    expect(body.order.order_no).toMatch(/^Q\d{14}[A-Z2-7]{10}$/)
    expect(body.payment.paytype).toBe(11)
    expect(parseCloudpayParam(11, body.payment.cloudpay_param).wallet).toBe('wechat')
    const wallet = await app.request('POST', '/api/sandbox/payments', {
      token: alice,
      body: { order_no: body.order.order_no, outcome: 'cancel' },
    })
    expect(wallet.json).toEqual({ wallet: 'wechat', err_msg: 'get_brand_wcpay_request:cancel' })
  })

  it('sends the session appid and openid, the catalogue amount and the constant notify_url upstream (S9)', async () => {
    const response = await createOrder(app, alice)
    const orderNo = orderNoOf(response)
    const simOrder = (await (
      await fetch(`${app.sim.url}/__sim/orders/${orderNo}`)
    ).json()) as Record<string, unknown>
    expect(simOrder).toMatchObject({
      amount: CART_AMOUNT,
      appid: 'wx0000000000000001',
      paytype: 11,
      notify_url: `http://127.0.0.1:9/notify/lianke/${CANARIES.NOTIFY_SECRET}`,
    })
    expect(String(simOrder.attach)).toMatch(/^[0-9a-f]{32}$/)
  })

  it('replays the first answer byte for byte for the same key and body (R1)', async () => {
    const key = randomUUID()
    const first = await createOrder(app, alice, { key })
    const second = await createOrder(app, alice, { key })
    expect(second.status).toBe(first.status)
    expect(second.text).toBe(first.text)
    const stats = await simStats(app.sim)
    expect(stats.orders[orderNoOf(first)]?.jsapi_calls).toBe(1)
    const orders = (await app.request('GET', '/api/orders', { token: alice })).json as {
      orders: { order_no: string }[]
    }
    expect(orders.orders.filter((order) => order.order_no === orderNoOf(first))).toHaveLength(1)
  })

  it('refuses the same key with another body with 422 and no upstream call (R2)', async () => {
    const key = randomUUID()
    const first = await createOrder(app, alice, { key })
    const before = (await simStats(app.sim)).calls['QuickPay/JSAPIPay']
    const second = await createOrder(app, alice, {
      key,
      body: { items: [{ sku: 'honey-500g', quantity: 1 }] },
    })
    expect(second.status).toBe(422)
    expect(second.json).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } })
    expect((await simStats(app.sim)).calls['QuickPay/JSAPIPay']).toBe(before)
    const order = await app.request('GET', `/api/orders/${orderNoOf(first)}`, { token: alice })
    expect(order.json).toMatchObject({ order: { amount: CART_AMOUNT, status: 'pending' } })
  })

  it('refuses duplicates while the first is running with 409, then replays the 201 (R3)', async () => {
    await setFaults(app.sim, { routes: ['QuickPay/JSAPIPay'], latency_ms: 1000 })
    const key = randomUUID()
    const before = (await simStats(app.sim)).calls['QuickPay/JSAPIPay'] ?? 0
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => createOrder(app, alice, { key })),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    const conflict = answers.find((answer) => answer.status === 409)
    expect(conflict?.headers.get('retry-after')).not.toBeNull()
    expect(conflict?.json).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' } })
    expect((await simStats(app.sim)).calls['QuickPay/JSAPIPay']).toBe(before + 1)
    const later = await createOrder(app, alice, { key })
    expect(later.text).toBe(answers.find((answer) => answer.status === 201)?.text)
  })

  it('does not burn the key on an invalid body (R4)', async () => {
    const key = randomUUID()
    const invalid = await createOrder(app, alice, {
      key,
      body: { items: [{ sku: 'coffee-beans-500g', quantity: 0 }] },
    })
    expect(invalid.status).toBe(400)
    const unknown = await createOrder(app, alice, {
      key,
      body: { items: [{ sku: 'no-such-sku', quantity: 1 }] },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.json).toMatchObject({ error: { fields: [{ field: 'items.0.sku' }] } })
    const valid = await createOrder(app, alice, { key })
    expect(valid.status).toBe(201)
  })

  it('scopes keys per shopper and keeps them at least 72 hours (R5)', async () => {
    const key = randomUUID()
    const first = await createOrder(app, alice, { key })
    const other = await createOrder(app, bob, { key })
    expect(other.status).toBe(201)
    expect(orderNoOf(other)).not.toBe(orderNoOf(first))
    expect(other.text).not.toContain(orderNoOf(first))
    app.clock.advance(71 * 3_600_000)
    const token = await app.login('wechat-miniprogram', 'alice')
    const replay = await createOrder(app, token, { key })
    expect(replay.text).toBe(first.text)
    app.clock.advance(-71 * 3_600_000)
  })

  it('takes a key past its 72 hours as new: another body with it creates another order', async () => {
    const key = randomUUID()
    const first = await createOrder(app, alice, { key })
    expect(first.status).toBe(201)
    app.clock.advance(73 * 3_600_000)
    try {
      const token = await app.login('wechat-miniprogram', 'alice')
      const body = { items: [{ ...CART.items[0], quantity: 3 }] }
      const again = await createOrder(app, token, { key, body })
      expect(again.status).toBe(201)
      expect(orderNoOf(again)).not.toBe(orderNoOf(first))
      const replay = await createOrder(app, token, { key, body })
      expect(replay.text).toBe(again.text)
    } finally {
      app.clock.advance(-73 * 3_600_000)
    }
  })

  it('requires a sane Idempotency-Key header', async () => {
    const missing = await app.request('POST', '/api/orders', { token: alice, body: CART })
    expect(missing.status).toBe(400)
    expect(missing.json).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } })
    const tooLong = await createOrder(app, alice, { key: 'k'.repeat(256) })
    expect(tooLong.status).toBe(400)
    const longest = await createOrder(app, alice, { key: 'k'.repeat(255) })
    expect(longest.status).toBe(201)
  })

  it.each([
    ['amount', { ...CART, amount: 1 }],
    ['price', { items: [{ sku: 'coffee-beans-500g', quantity: 1, price: 1 }] }],
    ['openid', { ...CART, openid: 'oForged' }],
    ['notify_url', { ...CART, notify_url: 'http://evil.example/' }],
    ['status', { ...CART, status: 'paid' }],
    ['store_no', { ...CART, store_no: 'OTHER' }],
  ])('refuses a body that sets %s with 400 (S2)', async (field, body) => {
    const response = await createOrder(app, alice, { body })
    expect(response.status).toBe(400)
    expect(response.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    expect(JSON.stringify(response.json)).toContain(field)
  })

  it.each([0, 10_000_000_000, 1.5, '100', -1])(
    'refuses the quantity %s with 400 (S10)',
    async (quantity) => {
      const response = await createOrder(app, alice, {
        body: { items: [{ sku: 'coffee-beans-500g', quantity }] },
      })
      expect(response.status).toBe(400)
      expect(response.json).toMatchObject({ error: { fields: [{ field: 'items.0.quantity' }] } })
    },
  )

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit (S5)', async () => {
    const response = await app.request('POST', '/api/orders', {
      token: alice,
      rawBody: JSON.stringify({ items: [], pad: 'x'.repeat(20 * 1024) }),
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    })
    expect(response.status).toBe(413)
    expect(response.json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('answers invalid JSON with 400 INVALID_JSON', async () => {
    const response = await app.request('POST', '/api/orders', {
      token: alice,
      rawBody: '{"items": [',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    })
    expect(response.status).toBe(400)
    expect(response.json).toMatchObject({ error: { code: 'INVALID_JSON' } })
  })

  it('answers 504 within the deadline when the aggregator hangs and keeps the order pending (R13, F2)', async () => {
    await setFaults(app.sim, { routes: ['QuickPay/JSAPIPay'], hang: true })
    const key = randomUUID()
    const started = Date.now()
    const response = await createOrder(app, alice, { key })
    // LIANKE_DEADLINE_MS is 3 s in tests; generous bounds, but far below Node's 300 s default.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(response.status).toBe(504)
    expect(response.json).toMatchObject({
      error: { code: 'UPSTREAM_TIMEOUT', message: 'The payment provider did not answer in time.' },
    })
    await clearFaults(app.sim)
    const retry = await createOrder(app, alice, { key })
    expect(retry.status).toBe(201)
    const stats = await simStats(app.sim)
    expect(stats.orders[orderNoOf(retry)]).toBeDefined()
  })

  it('keeps upstream calls bounded when half the aggregator calls fail with 503 (R13)', async () => {
    await setFaults(app.sim, {
      routes: ['QuickPay/JSAPIPay', 'QuickPay/Query'],
      http_status: 503,
      error_rate: 0.5,
    })
    const before = await simStats(app.sim)
    const clientCalls = 10
    for (let i = 0; i < clientCalls; i += 1) await createOrder(app, alice)
    const after = await simStats(app.sim)
    const upstream =
      (after.calls['QuickPay/JSAPIPay'] ?? 0) -
      (before.calls['QuickPay/JSAPIPay'] ?? 0) +
      (after.calls['QuickPay/Query'] ?? 0) -
      (before.calls['QuickPay/Query'] ?? 0)
    expect(upstream).toBeLessThanOrEqual(clientCalls * 3)
  })

  it('continues the same order with the same order_no after a reset once processed (R6, F3)', async () => {
    await setFaults(app.sim, {
      routes: ['QuickPay/JSAPIPay'],
      reset_after_processing: true,
      times: 1,
    })
    const key = randomUUID()
    let response = await createOrder(app, alice, { key })
    if (response.status !== 201) response = await createOrder(app, alice, { key })
    expect(response.status).toBe(201)
    const orderNo = orderNoOf(response)
    const stats = await simStats(app.sim)
    expect(Object.keys(stats.orders).filter((no) => no === orderNo)).toHaveLength(1)
    expect(
      parseCloudpayParam(
        11,
        (response.json as { payment: { cloudpay_param: string } }).payment.cloudpay_param,
      ).wallet,
    ).toBe('wechat')
  })

  it('fails the order and stores a generic 502 when the aggregator refuses it', async () => {
    await setFaults(app.sim, {
      routes: ['QuickPay/JSAPIPay'],
      business_error: { code: 'SYSTEM_REFUSED', msg: 'merchant suspended' },
      times: 1,
    })
    const key = randomUUID()
    const response = await createOrder(app, alice, { key })
    expect(response.status).toBe(502)
    expect(response.json).toMatchObject({
      error: { code: 'UPSTREAM_REJECTED', message: 'The payment provider refused the order.' },
    })
    expect(response.text).not.toContain('merchant suspended')
    const replay = await createOrder(app, alice, { key })
    expect(replay.text).toBe(response.text)
  })

  it('answers 502 with a generic message when the aggregator answers garbage (S8)', async () => {
    await setFaults(app.sim, { routes: ['QuickPay/JSAPIPay'], script_cloudpay_param: true })
    const response = await createOrder(app, alice)
    expect(response.status).toBeGreaterThanOrEqual(502)
    expect(response.text).not.toContain('<script')
  })

  it('creates Alipay orders with paytype 21 and a trade number', async () => {
    const token = await app.login('alipay-miniprogram', 'ali')
    const response = await createOrder(app, token)
    expect(response.status).toBe(201)
    const body = createOrderResponseSchema.parse(response.json)
    expect(body.payment.paytype).toBe(21)
    expect(parseCloudpayParam(21, body.payment.cloudpay_param).wallet).toBe('alipay')
  })
})

describe.each(TEST_DATABASES)('an order moved while its JSAPIPay call runs on %s', (db) => {
  it('stores the payment parameters once, answers the order as it now is, and replays that answer', async () => {
    const running: { app?: TestApp; token?: string } = {}
    const cancels: number[] = []
    // The shopper cancels the order (on another device, say) after the aggregator created it and
    // before the BFF stores the answer.
    const cancelling: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const url = input instanceof Request ? input.url : String(input)
      const { app, token } = running
      const ready = app !== undefined && token !== undefined
      if (ready && url.includes('QuickPay/JSAPIPay') && typeof init?.body === 'string') {
        const { order_no } = JSON.parse(init.body) as { order_no: string }
        cancels.push(
          (await app.request('POST', `/api/orders/${order_no}/cancel`, { token })).status,
        )
      }
      return response
    }
    const app = await startTestApp({ db, overrides: { fetch: cancelling } })
    running.app = app
    try {
      const token = await app.login('wechat-miniprogram', 'carol')
      running.token = token
      const key = randomUUID()
      const response = await createOrder(app, token, { key })
      expect(cancels).toEqual([200])
      expect(response.status).toBe(201)
      const body = createOrderResponseSchema.parse(response.json)
      expect(body.order.status).toBe('closed')
      const orderNo = body.order.order_no
      expect(await app.deps.repository.orders.find(orderNo)).toMatchObject({
        status: 'closed',
        upstream: 'created',
        cloudpay_param: body.payment.cloudpay_param,
      })
      const events = await app.deps.repository.orders.listEvents(orderNo)
      expect(events.filter((event) => event.kind === 'upstream_created')).toHaveLength(1)
      const replay = await createOrder(app, token, { key })
      expect(replay.text).toBe(response.text)
    } finally {
      await app.close()
    }
  })
})

describe.each(TEST_DATABASES)('limits on orders on %s (S5)', (db) => {
  it('caps open unpaid orders per shopper with 429 TOO_MANY_OPEN_ORDERS', async () => {
    const app = await startTestApp({ db, env: { MAX_OPEN_ORDERS_PER_SHOPPER: '2' } })
    try {
      const token = await app.login()
      expect((await createOrder(app, token)).status).toBe(201)
      const second = await createOrder(app, token)
      expect(second.status).toBe(201)
      const third = await createOrder(app, token)
      expect(third.status).toBe(429)
      expect(third.json).toMatchObject({ error: { code: 'TOO_MANY_OPEN_ORDERS' } })
      expect(third.headers.get('retry-after')).not.toBeNull()
      await app.request('POST', `/api/orders/${orderNoOf(second)}/cancel`, { token })
      expect((await createOrder(app, token)).status).toBe(201)
    } finally {
      await app.close()
    }
  })

  it('rate-limits order creation per shopper with 429 and Retry-After', async () => {
    const app = await startTestApp({ db, env: { RATE_LIMIT_ORDERS_PER_MINUTE: '2' } })
    try {
      const token = await app.login()
      const statuses: number[] = []
      for (let i = 0; i < 3; i += 1)
        statuses.push((await createOrder(app, token, { body: {} })).status)
      expect(statuses).toEqual([400, 400, 429])
      const other = await app.login('wechat-miniprogram', 'someone-else')
      expect((await createOrder(app, other, { body: {} })).status).toBe(400)
    } finally {
      await app.close()
    }
  })
})
