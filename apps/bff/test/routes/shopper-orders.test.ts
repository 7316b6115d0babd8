import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { ordersResponseSchema, orderResponseSchema } from '@quickpay/contracts'

import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { paidOrder, requestRefund } from '../support/refunds'
import { clearFaults, setFaults, startTestApp, type TestApp } from '../support/test-app'

// Issue #17: the shopper's order view (time left by the server's clock, refunds) and the paged,
// tab-filtered order list.
describe.each(TEST_DATABASES)('the shopper’s order view and list on %s', (db) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
    })
  })
  afterAll(async () => {
    await app.close()
  })
  afterEach(async () => {
    await clearFaults(app.sim)
  })

  const shopper = () => app.login('wechat-miniprogram', `shopper-${randomUUID().slice(0, 8)}`)
  const getOrder = async (token: string, orderNo: string) => {
    const response = await app.request('GET', `/api/orders/${orderNo}`, { token })
    expect(response.status).toBe(200)
    return orderResponseSchema.parse(response.json).order
  }
  const listOrders = async (token: string, query = '') => {
    const response = await app.request('GET', `/api/orders${query}`, { token })
    expect(response.status).toBe(200)
    return ordersResponseSchema.parse(response.json)
  }

  it('says how many seconds a pending order has left by the server’s clock, and 0 once it is past', async () => {
    const token = await shopper()
    const created = await createOrder(app, token)
    const orderNo = orderNoOf(created)
    expect((created.json as { order: { seconds_to_expiry: number } }).order.seconds_to_expiry).toBe(
      15 * 60,
    )
    app.clock.advance(100_400)
    const later = await getOrder(token, orderNo)
    expect(later.server_time).toBe(new Date(app.clock.now()).toISOString())
    // 799.6 s left, rounded up: the store never shows 0 while the order can still be paid.
    expect(later.seconds_to_expiry).toBe(800)
    expect(Date.parse(later.expires_at) - Date.parse(later.server_time)).toBe(799_600)
    app.clock.advance(15 * 60_000)
    const past = await getOrder(token, orderNo)
    expect(past.status).toBe('pending')
    expect(past.seconds_to_expiry).toBe(0)
  })

  it('drops the time left once the order is not pending', async () => {
    const token = await shopper()
    const orderNo = orderNoOf(await createOrder(app, token))
    const cancelled = await app.request('POST', `/api/orders/${orderNo}/cancel`, { token })
    expect(cancelled.json).toMatchObject({ order: { status: 'closed' } })
    expect(cancelled.json).not.toHaveProperty('order.seconds_to_expiry')
    const order = await getOrder(token, orderNo)
    expect(order.status).toBe('closed')
    expect(order).not.toHaveProperty('seconds_to_expiry')
  })

  it('shows the merchant’s refunds to the shopper: amount, state and times, nothing merchant-only', async () => {
    const token = await shopper()
    const orderNo = await paidOrder(app, token)
    const unrefunded = await getOrder(token, orderNo)
    expect(unrefunded.refunds).toEqual([])
    expect(unrefunded.refunded_amount).toBe(0)

    app.clock.advance(1000)
    const done = await requestRefund(
      app,
      orderNo,
      { amount: 700, reason: '客服备注' },
      randomUUID(),
    )
    expect(done.status).toBe(201)
    await setFaults(app.sim, { routes: ['QuickPay/Refund'], refund_outcome: 'fail' })
    app.clock.advance(1000)
    const refused = await requestRefund(app, orderNo, { amount: 300 }, randomUUID())
    expect(refused.status).toBe(502)

    const order = await getOrder(token, orderNo)
    expect(order.status).toBe('partially_refunded')
    expect(order.refunded_amount).toBe(700)
    expect(order.refunds?.map(({ amount, status }) => ({ amount, status }))).toEqual([
      { amount: 700, status: 'refunded' },
      { amount: 300, status: 'failed' },
    ])
    for (const refund of order.refunds ?? []) {
      expect(Object.keys(refund).sort()).toEqual(['amount', 'created_at', 'status', 'updated_at'])
    }
    const raw = (await app.request('GET', `/api/orders/${orderNo}`, { token })).text
    expect(raw).not.toContain('客服备注')
    expect(raw).not.toMatch(/refund_no|needs_review|payer/)
  })

  it('filters the list by tab on the server: 全部 / 待支付 / 已支付 / 退款', async () => {
    const token = await shopper()
    const pending = orderNoOf(await createOrder(app, token))
    const closed = orderNoOf(await createOrder(app, token))
    await app.request('POST', `/api/orders/${closed}/cancel`, { token })
    const paid = await paidOrder(app, token)
    const refunded = await paidOrder(app, token)
    expect((await requestRefund(app, refunded, { amount: 100 }, randomUUID())).status).toBe(201)

    const numbers = async (tab: string) =>
      (await listOrders(token, `?tab=${tab}`)).orders.map((order) => order.order_no).sort()
    expect(await numbers('all')).toEqual([pending, closed, paid, refunded].sort())
    expect(await numbers('pending')).toEqual([pending])
    expect(await numbers('paid')).toEqual([paid])
    expect(await numbers('refund')).toEqual([refunded])
    // No tab is 全部.
    expect((await listOrders(token)).orders).toHaveLength(4)
  })

  it('pages the list with a cursor: every order once, newest first, even when two share a time', async () => {
    const token = await shopper()
    const made: string[] = []
    for (let i = 0; i < 5; i += 1) {
      // Two orders at the same instant, so the cursor must break the tie by order number.
      if (i !== 3) app.clock.advance(1000)
      made.push(orderNoOf(await createOrder(app, token)))
    }
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await listOrders(
        token,
        `?tab=pending&limit=2${cursor === undefined ? '' : `&cursor=${cursor}`}`,
      )
      expect(page.orders.length).toBeLessThanOrEqual(2)
      seen.push(...page.orders.map((order) => order.order_no))
      cursor = page.next_cursor
      pages += 1
    } while (cursor !== undefined && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(5)
    expect([...seen].sort()).toEqual([...made].sort())
    expect(new Set(seen).size).toBe(5)
    expect(seen[0]).toBe(made[4])
  })

  it('refuses bad list parameters with 400 naming the parameter', async () => {
    const token = await shopper()
    const cases: [string, string][] = [
      ['?tab=closed', 'tab'],
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=%27%20or%201%3D1', 'cursor'],
      ['?tab=all&tab=paid', 'tab'],
      ['?page=2', '(body)'],
    ]
    for (const [query, field] of cases) {
      const response = await app.request('GET', `/api/orders${query}`, { token })
      expect(response.status, query).toBe(400)
      const body = response.json as {
        error: { code: string; fields: { field: string; rule: string }[] }
      }
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(body.error.fields.map((issue) => issue.field)).toContain(field)
    }
    const unknown = await app.request('GET', '/api/orders?page=2', { token })
    expect(JSON.stringify(unknown.json)).toContain('unknown field(s): page')
  })
})
