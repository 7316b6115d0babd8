import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { OrderConfirmer } from '../../src/services/order-confirmer'
import { transition } from '../../src/ledger/order-ledger'
import { TEST_DATABASES } from '../support/databases'
import { CART, createOrder, orderNoOf } from '../support/orders'
import { setFaults, clearFaults, simStats, startTestApp, type TestApp } from '../support/test-app'

describe.each(TEST_DATABASES)('the shopper order routes on %s', (db) => {
  let app: TestApp
  let alice: string
  let bob: string
  const checks: string[] = []
  const confirmer: OrderConfirmer = {
    requestCheck: (orderNo) => void checks.push(orderNo),
    confirm: () => Promise.resolve({ kind: 'unknown_order' }),
    idle: () => Promise.resolve(),
  }
  beforeAll(async () => {
    app = await startTestApp({
      db,
      overrides: { confirmer },
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100' },
    })
    alice = await app.login('wechat-official-account', 'alice')
    bob = await app.login('wechat-official-account', 'bob')
  })
  afterAll(async () => {
    await app.close()
  })

  it('lists only the caller’s orders, newest first', async () => {
    const first = orderNoOf(await createOrder(app, alice))
    app.clock.advance(1000)
    const second = orderNoOf(await createOrder(app, alice))
    await createOrder(app, bob)
    const response = await app.request('GET', '/api/orders', { token: alice })
    const numbers = (response.json as { orders: { order_no: string }[] }).orders.map(
      (o) => o.order_no,
    )
    expect(numbers.indexOf(second)).toBeLessThan(numbers.indexOf(first))
    const bobs = (await app.request('GET', '/api/orders', { token: bob })).json as {
      orders: { order_no: string }[]
    }
    expect(bobs.orders.map((o) => o.order_no)).not.toContain(first)
  })

  it('answers another shopper’s order exactly like an unknown one for read, pay, cancel and claim (S1)', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const unknownNo = 'Q20990101000000AAAAAAAAAA'
    const paths: [string, string, unknown?][] = [
      ['GET', ''],
      ['POST', '/payment'],
      ['POST', '/cancel'],
      ['POST', '/claims', { outcome: 'claimed_paid' }],
    ]
    for (const [method, suffix, body] of paths) {
      const foreign = await app.request(method, `/api/orders/${orderNo}${suffix}`, {
        token: bob,
        body,
      })
      const unknown = await app.request(method, `/api/orders/${unknownNo}${suffix}`, {
        token: bob,
        body,
      })
      expect(foreign.status).toBe(404)
      expect(unknown.status).toBe(404)
      const strip = (text: string) => text.replace(/"request_id":"[^"]+"/, '')
      expect(strip(foreign.text)).toBe(strip(unknown.text))
      expect(foreign.json).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } })
    }
    const still = await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(still.json).toMatchObject({ order: { status: 'pending' } })
  })

  it('asks the confirmer about a pending order polled after a few seconds, not before', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(checks).not.toContain(orderNo)
    app.clock.advance(5000)
    await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(checks).toContain(orderNo)
  })

  it('asks the confirmer about a claimed payment only once the order is past the same age as a poll', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const claim = { token: alice, body: { outcome: 'claimed_paid' } }
    await app.request('POST', `/api/orders/${orderNo}/claims`, claim)
    expect(checks).not.toContain(orderNo)
    app.clock.advance(5000)
    await app.request('POST', `/api/orders/${orderNo}/claims`, claim)
    expect(checks).toContain(orderNo)
  })

  it('records claims on the timeline with 202 and never changes the status', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const claim = await app.request('POST', `/api/orders/${orderNo}/claims`, {
      token: alice,
      body: { outcome: 'claimed_paid', raw: 'get_brand_wcpay_request:ok' },
    })
    expect(claim.status).toBe(202)
    expect(claim.json).toMatchObject({ order: { status: 'pending' } })
    const order = await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(order.json).toMatchObject({ order: { status: 'pending' } })
    const events = await app.deps.repository.orders.listEvents(orderNo)
    expect(events.map((event) => event.kind)).toContain('client_claim')
    const invalid = await app.request('POST', `/api/orders/${orderNo}/claims`, {
      token: alice,
      body: { outcome: 'paid' },
    })
    expect(invalid.status).toBe(400)
  })

  it('accepts a 200-character multibyte claim text and refuses 201 characters (S11)', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const ok = await app.request('POST', `/api/orders/${orderNo}/claims`, {
      token: alice,
      body: { outcome: 'unknown', raw: '支'.repeat(200) },
    })
    expect(ok.status).toBe(202)
    const tooLong = await app.request('POST', `/api/orders/${orderNo}/claims`, {
      token: alice,
      body: { outcome: 'unknown', raw: '支'.repeat(201) },
    })
    expect(tooLong.status).toBe(400)
  })

  it('re-issues the stored payment parameters for a pending order without calling upstream', async () => {
    const created = await createOrder(app, alice)
    const orderNo = orderNoOf(created)
    const before = (await simStats(app.sim)).calls['QuickPay/JSAPIPay']
    const again = await app.request('POST', `/api/orders/${orderNo}/payment`, { token: alice })
    expect(again.status).toBe(200)
    expect((again.json as { payment: unknown }).payment).toEqual(
      (created.json as { payment: unknown }).payment,
    )
    expect((await simStats(app.sim)).calls['QuickPay/JSAPIPay']).toBe(before)
  })

  it('re-issue resolves an order whose upstream answer was lost with the same order_no', async () => {
    await setFaults(app.sim, { routes: ['QuickPay/JSAPIPay', 'QuickPay/Query'], hang: true })
    app.clock.advance(60_000)
    const lost = await createOrder(app, alice)
    expect(lost.status).toBe(504)
    await clearFaults(app.sim)
    const [order] = await app.deps.repository.orders.list({ limit: 1 })
    expect(order?.upstream).toBe('unknown')
    const again = await app.request('POST', `/api/orders/${order?.order_no ?? ''}/payment`, {
      token: alice,
    })
    expect(again.status).toBe(200)
    const stats = await simStats(app.sim)
    expect(stats.orders[order?.order_no ?? '']).toBeDefined()
  })

  it('cancels a pending order (closed), idempotently, and refuses to re-issue payment for it', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const cancel = await app.request('POST', `/api/orders/${orderNo}/cancel`, { token: alice })
    expect(cancel.status).toBe(200)
    expect(cancel.json).toMatchObject({ order: { status: 'closed' } })
    const again = await app.request('POST', `/api/orders/${orderNo}/cancel`, { token: alice })
    expect(again.status).toBe(200)
    const pay = await app.request('POST', `/api/orders/${orderNo}/payment`, { token: alice })
    expect(pay.status).toBe(409)
    expect(pay.json).toMatchObject({ error: { code: 'ORDER_NOT_PENDING' } })
  })

  it('refuses to cancel an order that is no longer pending', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await app.deps.repository.transaction((tx) =>
      transition(tx, { order_no: orderNo }, 'paid', {
        from: ['pending'],
        source: 'admin',
        now: app.clock.now(),
        patch: { paid_at: app.clock.now() },
      }),
    )
    const cancel = await app.request('POST', `/api/orders/${orderNo}/cancel`, { token: alice })
    expect(cancel.status).toBe(409)
    const order = await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(order.json).toMatchObject({ order: { status: 'paid' } })
  })

  it('answers 404 for sandbox payments when SANDBOX is off', async () => {
    const strict = await startTestApp({ db, sim: app.sim, env: { SANDBOX: 'false' } })
    try {
      const token = await strict.login()
      const response = await strict.request('POST', '/api/sandbox/payments', {
        token,
        body: { order_no: 'Q1', outcome: 'success' },
      })
      expect(response.status).toBe(404)
    } finally {
      await strict.close()
    }
  })

  it('pays through the sandbox wallet as the session’s payer', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const response = await app.request('POST', '/api/sandbox/payments', {
      token: alice,
      body: { order_no: orderNo, outcome: 'success' },
    })
    expect(response.json).toEqual({ wallet: 'wechat', err_msg: 'get_brand_wcpay_request:ok' })
    const simOrder = (await (await fetch(`${app.sim.url}/__sim/orders/${orderNo}`)).json()) as {
      status: string
    }
    expect(simOrder.status).toBe('SUCCESSED')
    // Only a Query-confirmed notification may move it; the BFF's core alone leaves it pending.
    const order = await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect(order.json).toMatchObject({ order: { status: 'pending' } })
  })

  it('uses a fresh key only for new orders: another key, another order', async () => {
    const a = await createOrder(app, alice, { key: randomUUID(), body: CART })
    const b = await createOrder(app, alice, { key: randomUUID(), body: CART })
    expect(orderNoOf(a)).not.toBe(orderNoOf(b))
  })
})
