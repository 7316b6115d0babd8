import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { TEST_DATABASES, type TestDatabaseKind } from '../support/databases'
import { CART_AMOUNT, createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder, queryCount, simPayResult } from '../support/payments'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }

interface Detail {
  order: { status: string; needs_review: boolean; review_reason?: string; transaction_no?: string }
  timeline: { kind: string; detail: Record<string, unknown> }[]
}

/** Holds the database's write lock from another connection until `release` (R10, F5). */
async function lockDatabase(db: TestDatabaseKind, url: string): Promise<() => Promise<void>> {
  if (db === 'sqlite') {
    const other = new Sqlite(url.slice('file:'.length))
    other.exec('BEGIN IMMEDIATE')
    return () => {
      other.exec('ROLLBACK')
      other.close()
      return Promise.resolve()
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('BEGIN')
  await client.query('LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE')
  return async () => {
    await client.query('ROLLBACK')
    await client.end()
  }
}

describe.each(TEST_DATABASES)('POST /notify/lianke/:secret on %s', (db) => {
  let app: TestApp
  let alice: string

  async function detail(orderNo: string): Promise<Detail> {
    const response = await app.request('GET', `/api/admin/orders/${orderNo}`, { headers: ADMIN })
    return response.json as Detail
  }

  /** How many notifications were acknowledged as repeats (not stored again), from the metrics. */
  async function repeats(): Promise<number> {
    const metric = await app.deps.metrics.registry.getSingleMetric('bff_notifications_total')?.get()
    return metric?.values.find((value) => value.labels.outcome === 'repeat')?.value ?? 0
  }

  async function newOrder(): Promise<string> {
    const response = await createOrder(app, alice)
    expect(response.status).toBe(201)
    return orderNoOf(response)
  }

  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
    })
    alice = await app.login('wechat-miniprogram', 'alice')
  })
  afterAll(async () => {
    await app.close()
  })
  beforeEach(() => {
    // Past the coalescing window, so each test's Queries are its own.
    app.clock.advance(10_000)
  })

  it('confirms a paid order through Query and answers exactly the 7 bytes SUCCESS (R11)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const response = await notify(app, JSON.stringify(await simPayResult(app.sim, orderNo)))
    expect(response.status).toBe(200)
    expect(response.text).toBe('SUCCESS')
    expect(response.headers.get('content-length')).toBe('7')
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const { order, timeline } = await detail(orderNo)
    expect(order.status).toBe('paid')
    expect(order.transaction_no).toMatch(/\d+/)
    const kinds = timeline.map((event) => event.kind)
    expect(kinds).toEqual(expect.arrayContaining(['query', 'transition', 'notification']))
    const query = timeline.find((event) => event.kind === 'query')
    expect(query?.detail).toMatchObject({ source: 'notification', transaction_status: 'SUCCESSED' })
    expect(JSON.stringify(timeline)).not.toContain('"buyer"')
  })

  it('reads a form-encoded body leniently and settles the order it names', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const response = await notify(app, `order_no=${orderNo}&transaction_status=SUCCESSED`, {
      contentType: 'application/x-www-form-urlencoded',
    })
    expect(response.text).toBe('SUCCESS')
    expect((await detail(orderNo)).order.status).toBe('paid')
  })

  it('answers a wrong secret exactly like an unknown route, with no write and no Query (S6)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const body = JSON.stringify({ order_no: orderNo, transaction_status: 'SUCCESSED' })
    const queriesBefore = await queryCount(app.sim)
    const forged = await notify(app, body, { path: '/notify/lianke/not-the-secret-at-all' })
    const unknown = await app.request('POST', '/api/no-such-route', {
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    })
    expect(forged.status).toBe(404)
    const strip = (json: unknown): unknown => ({
      ...(json as { error: object }).error,
      request_id: 'x',
    })
    expect(strip(forged.json)).toEqual(strip(unknown.json))
    expect(await queryCount(app.sim)).toBe(queriesBefore)
    expect(await app.deps.repository.notifications.list(orderNo)).toEqual([])
    expect((await detail(orderNo)).order.status).toBe('pending')
  })

  it('leaves an order the aggregator says is unpaid pending and does not acknowledge (R7, S6)', async () => {
    const orderNo = await newOrder()
    const response = await notify(
      app,
      JSON.stringify({
        order_no: orderNo,
        transaction_status: 'SUCCESSED',
        total_amount: CART_AMOUNT,
      }),
    )
    expect(response.status).toBe(409)
    expect(response.text).not.toContain('SUCCESS"')
    expect((response.json as { error: { code: string } }).error.code).toBe(
      'NOTIFICATION_NOT_CONFIRMED',
    )
    expect((await detail(orderNo)).order.status).toBe('pending')
    const [stored] = await app.deps.repository.notifications.list(orderNo)
    expect(stored).toMatchObject({ outcome: 'not_confirmed', content_type: 'application/json' })
    expect(stored?.raw_body).toContain(orderNo)
  })

  it('refuses a payment of another amount: not paid, flagged, merchant alert logged (R7)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const simOrder = app.sim.state.findOrder(orderNo)
    if (simOrder === undefined) throw new Error('no sim order')
    simOrder.amount = CART_AMOUNT - 1
    const response = await notify(app, JSON.stringify({ order_no: orderNo }))
    expect(response.text).toBe('SUCCESS')
    const { order, timeline } = await detail(orderNo)
    expect(order.status).toBe('pending')
    expect(order.needs_review).toBe(true)
    expect(order.review_reason).toContain('amount mismatch')
    expect(timeline.filter((event) => event.kind === 'alert')).toHaveLength(1)
    expect(app.logs.some((line) => line.includes('merchant alert') && line.includes(orderNo))).toBe(
      true,
    )
  })

  it('changes state once for 50 concurrent identical notifications, with one Query, all SUCCESS (R8, S7)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const body = JSON.stringify(await simPayResult(app.sim, orderNo))
    const queriesBefore = await queryCount(app.sim)
    const repeatsBefore = await repeats()
    const answers = await Promise.all(Array.from({ length: 50 }, () => notify(app, body)))
    expect(answers.map((answer) => answer.text)).toEqual(Array(50).fill('SUCCESS'))
    expect(await queryCount(app.sim)).toBe(queriesBefore + 1)
    const { order, timeline } = await detail(orderNo)
    expect(order.status).toBe('paid')
    expect(timeline.filter((event) => event.kind === 'transition')).toHaveLength(1)
    // Each one is stored, or acknowledged as a repeat of a stored copy once the order was paid.
    const stored = await app.deps.repository.notifications.list(orderNo)
    expect(stored.length).toBeGreaterThanOrEqual(1)
    expect(stored.length + (await repeats()) - repeatsBefore).toBe(50)
  })

  it('keeps a paid order paid when the aggregator later answers a stale FAILED (R9)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    expect((await notify(app, JSON.stringify({ order_no: orderNo }))).text).toBe('SUCCESS')
    const simOrder = app.sim.state.findOrder(orderNo)
    if (simOrder === undefined) throw new Error('no sim order')
    simOrder.status = 'FAILED'
    app.clock.advance(10_000)
    const result = await app.deps.confirmer.confirm(orderNo, 'poll')
    expect(result.kind).toBe('failed')
    expect((await detail(orderNo)).order.status).toBe('paid')
  })

  it('moves a closed order to paid and flags it for refund review when its payment is confirmed (R9, R14)', async () => {
    const orderNo = await newOrder()
    const cancelled = await app.request('POST', `/api/orders/${orderNo}/cancel`, { token: alice })
    expect((cancelled.json as { order: { status: string } }).order.status).toBe('closed')
    await payOrder(app, alice, orderNo)
    const response = await notify(app, JSON.stringify({ order_no: orderNo }))
    expect(response.text).toBe('SUCCESS')
    const { order, timeline } = await detail(orderNo)
    expect(order).toMatchObject({
      status: 'paid',
      needs_review: true,
      review_reason: 'paid after close: refund review',
    })
    expect(timeline.some((event) => event.kind === 'alert')).toBe(true)
  })

  it("stores a settled order's duplicate once with its outcome and event, and acknowledges byte-identical repeats without a write or a Query", async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const body = JSON.stringify(await simPayResult(app.sim, orderNo))
    expect((await notify(app, body)).text).toBe('SUCCESS')
    const queriesBefore = await queryCount(app.sim)
    const repeatsBefore = await repeats()
    // The same bytes again (the aggregator's redelivery): acknowledged, nothing stored.
    const copies = await Promise.all([notify(app, body), notify(app, body)])
    expect(copies.map((answer) => answer.text)).toEqual(['SUCCESS', 'SUCCESS'])
    expect((await repeats()) - repeatsBefore).toBe(2)
    // Other bytes naming the same order: stored once as a duplicate; its own copies are repeats.
    const other = `order_no=${orderNo}`
    const form = { contentType: 'application/x-www-form-urlencoded' }
    expect((await notify(app, other, form)).text).toBe('SUCCESS')
    expect((await notify(app, other, form)).text).toBe('SUCCESS')
    expect((await repeats()) - repeatsBefore).toBe(3)
    expect(await queryCount(app.sim)).toBe(queriesBefore)
    // Once read back as stored, a copy is remembered: its next redelivery reads no database.
    const lookups = vi.spyOn(app.deps.repository.notifications, 'isStored')
    try {
      expect((await notify(app, body)).text).toBe('SUCCESS')
      expect((await notify(app, other, form)).text).toBe('SUCCESS')
      expect(lookups).not.toHaveBeenCalled()
    } finally {
      lookups.mockRestore()
    }
    expect((await repeats()) - repeatsBefore).toBe(5)
    const stored = await app.deps.repository.notifications.list(orderNo)
    expect(stored.map((row) => [row.raw_body, row.outcome])).toEqual([
      [body, 'paid'],
      [other, 'already_settled'],
    ])
    // Each stored notification has exactly one matching timeline event; a repeat has none.
    const { timeline } = await detail(orderNo)
    const seen = timeline.filter((event) => event.kind === 'notification')
    expect(seen.map((event) => [event.detail.notification_id, event.detail.outcome])).toEqual(
      stored.map((row) => [row.id, row.outcome]),
    )
  })

  it('acknowledges an order number that is not ours without asking upstream', async () => {
    const queriesBefore = await queryCount(app.sim)
    const response = await notify(app, JSON.stringify({ order_no: 'QNOTOURS0000000001' }))
    expect(response.text).toBe('SUCCESS')
    expect(await queryCount(app.sim)).toBe(queriesBefore)
  })

  it('refuses a body without an order number with 400 so it is retried', async () => {
    const response = await notify(app, 'hello=world', {
      contentType: 'application/x-www-form-urlencoded',
    })
    expect(response.status).toBe(400)
    expect((response.json as { error: { code: string } }).error.code).toBe(
      'NOTIFICATION_UNREADABLE',
    )
  })

  it('refuses a body over 64 KiB with 413', async () => {
    const response = await notify(app, JSON.stringify({ order_no: 'x', pad: 'a'.repeat(70_000) }))
    expect(response.status).toBe(413)
  })

  it('answers 5xx while the database is locked, then processes the retry once (R10)', async () => {
    const orderNo = await newOrder()
    await payOrder(app, alice, orderNo)
    const body = JSON.stringify({ order_no: orderNo })
    const release = await lockDatabase(db, app.deps.env.DATABASE_URL)
    let failed
    try {
      failed = await notify(app, body)
    } finally {
      await release()
    }
    expect(failed.status).toBe(503)
    expect(failed.text).not.toBe('SUCCESS')
    expect((await detail(orderNo)).order.status).toBe('pending')
    const retried = await notify(app, body)
    expect(retried.text).toBe('SUCCESS')
    const again = await notify(app, body)
    expect(again.text).toBe('SUCCESS')
    const { order, timeline } = await detail(orderNo)
    expect(order.status).toBe('paid')
    expect(timeline.filter((event) => event.kind === 'transition')).toHaveLength(1)
  })
})

// F7 needs a shared PostgreSQL; the suite registers it only when TEST_DATABASE_URL is set.
if (TEST_DATABASES.includes('postgres')) {
  describe('two BFF instances on one PostgreSQL (F7)', () => {
    let first: TestApp
    let second: TestApp
    beforeAll(async () => {
      first = await startTestApp({ db: 'postgres' })
      second = await startTestApp({
        db: 'postgres',
        sim: first.sim,
        env: { DATABASE_URL: first.deps.env.DATABASE_URL },
      })
    })
    afterAll(async () => {
      await second.close()
      await first.close()
    })

    it('transitions once when both receive the same notification, and both answer SUCCESS', async () => {
      const token = await first.login('wechat-miniprogram', 'carol')
      const orderNo = orderNoOf(await createOrder(first, token))
      await payOrder(first, token, orderNo)
      const body = JSON.stringify(await simPayResult(first.sim, orderNo))
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) => notify(index % 2 === 0 ? first : second, body)),
      )
      expect(answers.map((answer) => answer.text)).toEqual(Array(10).fill('SUCCESS'))
      const events = await first.deps.repository.orders.listEvents(orderNo)
      expect(events.filter((event) => event.kind === 'transition')).toHaveLength(1)
      expect((await second.deps.repository.orders.find(orderNo))?.status).toBe('paid')
    })
  })
}
