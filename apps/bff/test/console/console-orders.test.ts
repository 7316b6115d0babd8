import {
  adminOrderDetailSchema,
  adminOrdersResponseSchema,
  adminStatsSchema,
  timelinePageSchema,
  type TimelineEntry,
} from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { flagForReview } from '../../src/ledger/order-ledger'
import { TEST_DATABASES } from '../support/databases'
import { CART_AMOUNT, createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder } from '../support/payments'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }
const DAY = 86_400_000

describe.each(TEST_DATABASES)('console endpoints on %s', (db) => {
  let app: TestApp
  let oldNo: string
  let paidNo: string
  let pendingNo: string
  let flaggedNo: string

  const list = async (query: string) => {
    const response = await app.request('GET', `/api/admin/orders${query}`, { headers: ADMIN })
    expect(response.status).toBe(200)
    return adminOrdersResponseSchema.parse(response.json)
  }

  beforeAll(async () => {
    app = await startTestApp({ db })
    const alice = await app.login('wechat-miniprogram', 'alice')
    const bob = await app.login('alipay-miniprogram', 'bob')
    // Three days ago: in the week, not today.
    app.clock.advance(-3 * DAY)
    oldNo = orderNoOf(await createOrder(app, alice))
    app.clock.advance(3 * DAY)
    paidNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, paidNo)
    expect((await notify(app, JSON.stringify({ order_no: paidNo }))).text).toBe('SUCCESS')
    // The aggregator sends it again in other bytes: a duplicate, stored (a byte-identical
    // redelivery would be acknowledged without being stored, and is not counted here).
    const form = { contentType: 'application/x-www-form-urlencoded' }
    expect((await notify(app, `order_no=${paidNo}`, form)).text).toBe('SUCCESS')
    expect((await notify(app, `order_no=${paidNo}`, form)).text).toBe('SUCCESS')
    app.clock.advance(1_000)
    pendingNo = orderNoOf(await createOrder(app, bob))
    app.clock.advance(1_000)
    flaggedNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, flaggedNo)
    expect((await notify(app, JSON.stringify({ order_no: flaggedNo }))).text).toBe('SUCCESS')
    await app.deps.repository.transaction((tx) =>
      flagForReview(tx, { order_no: flaggedNo }, 'amount mismatch', app.clock.now()),
    )
  })
  afterAll(async () => {
    await app.close()
  })

  it('pages the list server-side by cursor with the total count', async () => {
    const first = await list('?limit=2')
    expect(first.total).toBe(4)
    expect(first.total_capped).toBe(false)
    expect(first.orders.map((order) => order.order_no)).toEqual([flaggedNo, pendingNo])
    const last = await list(`?limit=2&cursor=${first.next_cursor ?? ''}`)
    expect(last.total).toBe(4)
    expect(last.orders.map((order) => order.order_no)).toEqual([paidNo, oldNo])
    expect(last.next_cursor).toBeNull()
  })

  it('filters by status, channel, created range and review flag, and finds an order by either number', async () => {
    const paid = await list('?status=paid')
    expect(paid.total).toBe(2)
    expect(paid.orders.map((order) => order.order_no)).toEqual([flaggedNo, paidNo])
    const alipay = await list('?channel=alipay-miniprogram')
    expect(alipay.orders.map((order) => order.order_no)).toEqual([pendingNo])
    const since = new Date(app.clock.now() - DAY).toISOString()
    const recent = await list(`?created_from=${encodeURIComponent(since)}`)
    expect(recent.total).toBe(3)
    const before = await list(`?created_to=${encodeURIComponent(since)}`)
    expect(before.orders.map((order) => order.order_no)).toEqual([oldNo])
    expect((await list(`?q=${paidNo}`)).orders.map((order) => order.order_no)).toEqual([paidNo])
    const transactionNo = paid.orders.find((order) => order.order_no === paidNo)?.transaction_no
    expect(transactionNo).toBeTruthy()
    expect((await list(`?q=${transactionNo ?? ''}`)).orders.map((o) => o.order_no)).toEqual([
      paidNo,
    ])
    expect((await list('?q=QNOSUCHORDER')).total).toBe(0)
    const review = await list('?needs_review=true')
    expect(review.orders.map((order) => order.order_no)).toEqual([flaggedNo])
    expect(review.orders[0]?.review_reason).toBe('amount mismatch')
    expect((await list('?needs_review=true&channel=alipay-miniprogram')).total).toBe(0)
    for (const bad of [
      '?channel=cash',
      '?created_from=yesterday',
      '?needs_review=yes',
      '?q=has%20space',
    ]) {
      const response = await app.request('GET', `/api/admin/orders${bad}`, { headers: ADMIN })
      expect(response.status).toBe(400)
    }
  })

  it('pages a timeline by event id and caps the detail view on request', async () => {
    const full = adminOrderDetailSchema.parse(
      (await app.request('GET', `/api/admin/orders/${paidNo}`, { headers: ADMIN })).json,
    )
    expect(full.timeline.length).toBeGreaterThan(4)
    const seen: TimelineEntry[] = []
    let after = 0
    for (let pages = 0; pages < 20; pages += 1) {
      const response = await app.request(
        'GET',
        `/api/admin/orders/${paidNo}/events?limit=2&after=${after}`,
        { headers: ADMIN },
      )
      const page = timelinePageSchema.parse(response.json)
      expect(page.total).toBe(full.timeline.length)
      expect(page.events.length).toBeLessThanOrEqual(2)
      seen.push(...page.events)
      if (page.next_after === null) break
      after = page.next_after
    }
    expect(seen.map(({ id: _id, ...event }) => event)).toEqual(full.timeline)
    const capped = adminOrderDetailSchema.parse(
      (await app.request('GET', `/api/admin/orders/${paidNo}?timeline_limit=2`, { headers: ADMIN }))
        .json,
    )
    expect(capped.timeline).toEqual(full.timeline.slice(0, 2))
    expect(capped.timeline_total).toBe(full.timeline.length)
    const missing = await app.request('GET', '/api/admin/orders/QNOSUCHORDER/events', {
      headers: ADMIN,
    })
    expect(missing.status).toBe(404)
  })

  it('computes the overview: today and the week, channels, confirmations, notifications, aggregator calls', async () => {
    const response = await app.request('GET', '/api/admin/stats?utc_offset_minutes=0', {
      headers: ADMIN,
    })
    expect(response.status).toBe(200)
    const stats = adminStatsSchema.parse(response.json)
    expect(stats.today).toEqual({ created: 3, paid: 2, paid_amount: 2 * CART_AMOUNT })
    expect(stats.last_7_days).toEqual({ created: 4, paid: 2, paid_amount: 2 * CART_AMOUNT })
    expect(stats.days).toHaveLength(7)
    expect(stats.days.at(-1)?.date).toBe(new Date(app.clock.now()).toISOString().slice(0, 10))
    expect(stats.days.at(-4)?.created).toBe(1)
    expect(stats.channels.find((row) => row.channel === 'wechat-miniprogram')).toEqual({
      channel: 'wechat-miniprogram',
      created: 3,
      paid: 2,
      paid_amount: 2 * CART_AMOUNT,
    })
    expect(stats.channels.find((row) => row.channel === 'alipay-miniprogram')?.created).toBe(1)
    expect(stats.confirmations.by_source).toEqual([{ source: 'notification', count: 2 }])
    expect(stats.confirmations.sample).toBe(2)
    expect(stats.confirmations.p50_ms).not.toBeNull()
    expect(stats.confirmations.p95_ms ?? -1).toBeGreaterThanOrEqual(stats.confirmations.p50_ms ?? 0)
    expect(stats.notifications.received).toBe(3)
    expect(stats.notifications.duplicates).toBe(1)
    expect(stats.notifications.unconfirmed).toBe(0)
    expect(stats.notifications.by_outcome).toEqual(
      expect.arrayContaining([
        { outcome: 'paid', count: 2 },
        { outcome: 'already_settled', count: 1 },
      ]),
    )
    const jsapi = stats.upstream.routes.find((route) => route.route.includes('JSAPIPay'))
    expect(jsapi?.calls).toBe(4)
    expect(jsapi?.errors).toBe(0)
    expect(jsapi?.p95_ms).toBeGreaterThan(0)
    expect(stats.needs_review).toBe(1)
    // China Standard Time by default.
    const cst = adminStatsSchema.parse(
      (await app.request('GET', '/api/admin/stats', { headers: ADMIN })).json,
    )
    expect(cst.utc_offset_minutes).toBe(480)
    expect(cst.last_7_days.created).toBe(4)
    const bad = await app.request('GET', '/api/admin/stats?utc_offset_minutes=9999', {
      headers: ADMIN,
    })
    expect(bad.status).toBe(400)
  })

  it('marks a flagged order reviewed, on its timeline, once', async () => {
    const response = await app.request('POST', `/api/admin/orders/${flaggedNo}/review`, {
      headers: ADMIN,
      body: { note: '已核对金额' },
    })
    expect(response.status).toBe(200)
    expect((response.json as { order: { needs_review: boolean } }).order.needs_review).toBe(false)
    const detail = adminOrderDetailSchema.parse(
      (await app.request('GET', `/api/admin/orders/${flaggedNo}`, { headers: ADMIN })).json,
    )
    expect(detail.order.review_reason).toBeUndefined()
    expect(detail.timeline.at(-1)).toMatchObject({
      kind: 'reviewed',
      detail: { reason: 'amount mismatch', note: '已核对金额' },
    })
    const again = await app.request('POST', `/api/admin/orders/${flaggedNo}/review`, {
      headers: ADMIN,
      body: {},
    })
    expect(again.status).toBe(409)
    expect((again.json as { error: { code: string } }).error.code).toBe('ORDER_NOT_FLAGGED')
    expect((await list('?needs_review=true')).total).toBe(0)
    const bad = await app.request('POST', `/api/admin/orders/${paidNo}/review`, {
      headers: ADMIN,
      body: { note: 'x'.repeat(201) },
    })
    expect(bad.status).toBe(400)
  })

  it('refunds once when the same dialog submits twice at the same moment', async () => {
    const send = () =>
      app.request('POST', `/api/admin/orders/${paidNo}/refunds`, {
        headers: { ...ADMIN, 'idempotency-key': 'dialog-7f3a' },
        body: { amount: 1000, reason: '缺货' },
      })
    const answers = await Promise.all([send(), send()])
    // The second is either the replay or, while the first still runs, 409 in flight.
    for (const answer of answers) expect([201, 202, 409]).toContain(answer.status)
    const refundNos = answers
      .filter((answer) => answer.status !== 409)
      .map((answer) => (answer.json as { refund: { refund_no: string } }).refund.refund_no)
    expect(refundNos.length).toBeGreaterThanOrEqual(1)
    expect(new Set(refundNos).size).toBe(1)
    expect(app.sim.state.findOrder(paidNo)?.refunds).toHaveLength(1)
    const detail = adminOrderDetailSchema.parse(
      (await app.request('GET', `/api/admin/orders/${paidNo}`, { headers: ADMIN })).json,
    )
    expect(detail.order).toMatchObject({ status: 'partially_refunded', refunded_amount: 1000 })
    expect(detail.refunds).toHaveLength(1)
  })
})
