import { adminOrderDetailSchema, adminOrdersResponseSchema } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder } from '../support/payments'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }

describe.each(TEST_DATABASES)('merchant endpoints on %s', (db) => {
  let app: TestApp
  let alice: string
  let paidNo: string
  let pendingNo: string

  beforeAll(async () => {
    app = await startTestApp({ db })
    alice = await app.login('wechat-miniprogram', 'alice')
    pendingNo = orderNoOf(await createOrder(app, alice))
    app.clock.advance(1_000)
    paidNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, paidNo)
    await app.request('POST', `/api/orders/${paidNo}/claims`, {
      token: alice,
      body: { outcome: 'claimed_paid' },
    })
    app.clock.advance(10_000)
    expect((await notify(app, JSON.stringify({ order_no: paidNo }))).text).toBe('SUCCESS')
  })
  afterAll(async () => {
    await app.close()
  })

  it('refuses a missing, wrong or shopper token with 401 on every merchant route', async () => {
    const attempts = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}x` },
      { authorization: `Basic ${CANARIES.ADMIN_TOKEN}` },
      { authorization: `Bearer ${alice}` },
    ]
    for (const headers of attempts) {
      for (const [method, path] of [
        ['GET', '/api/admin/orders'],
        ['GET', `/api/admin/orders/${paidNo}`],
        ['POST', `/api/admin/orders/${paidNo}/refunds`],
      ] as const) {
        const response = await app.request(method, path, {
          headers,
          ...(method === 'POST' ? { body: { amount: 1 } } : {}),
        })
        expect(response.status).toBe(401)
        expect((response.json as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
      }
    }
    expect(app.sim.state.findOrder(paidNo)?.refunds).toEqual([])
  })

  it('lists orders newest first, filters by status and pages', async () => {
    const all = adminOrdersResponseSchema.parse(
      (await app.request('GET', '/api/admin/orders', { headers: ADMIN })).json,
    )
    expect(all.orders.map((order) => order.order_no)).toEqual([paidNo, pendingNo])
    const paid = adminOrdersResponseSchema.parse(
      (await app.request('GET', '/api/admin/orders?status=paid', { headers: ADMIN })).json,
    )
    expect(paid.orders.map((order) => order.order_no)).toEqual([paidNo])
    const first = adminOrdersResponseSchema.parse(
      (await app.request('GET', '/api/admin/orders?limit=1', { headers: ADMIN })).json,
    )
    expect(first.orders.map((order) => order.order_no)).toEqual([paidNo])
    const page = adminOrdersResponseSchema.parse(
      (
        await app.request('GET', `/api/admin/orders?limit=1&cursor=${first.next_cursor ?? ''}`, {
          headers: ADMIN,
        })
      ).json,
    )
    expect(page.orders.map((order) => order.order_no)).toEqual([pendingNo])
    expect(page.next_cursor).toBeNull()
    const bad = await app.request('GET', '/api/admin/orders?status=lost', { headers: ADMIN })
    expect(bad.status).toBe(400)
  })

  it('shows one order with its timeline (claims, notifications, queries, transitions) and a masked payer', async () => {
    const response = await app.request('GET', `/api/admin/orders/${paidNo}`, { headers: ADMIN })
    const detail = adminOrderDetailSchema.parse(response.json)
    expect(detail.order).toMatchObject({ status: 'paid', needs_review: false, refunded_amount: 0 })
    const kinds = detail.timeline.map((event) => event.kind)
    expect(kinds).toEqual(
      expect.arrayContaining(['created', 'client_claim', 'query', 'transition', 'notification']),
    )
    const openid = app.sim.state.findOrder(paidNo)?.openid ?? ''
    expect(openid.length).toBeGreaterThan(8)
    expect(response.text).not.toContain(openid)
    expect(detail.order.payer).toMatch(/^.{4}\*+.{4}$/)
  })

  it('answers an unknown order with 404', async () => {
    const response = await app.request('GET', '/api/admin/orders/QNOSUCHORDER', { headers: ADMIN })
    expect(response.status).toBe(404)
  })
})
