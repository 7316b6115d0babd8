import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder, queryCount } from '../support/payments'
import { clearFaults, setFaults, startTestApp, type TestApp } from '../support/test-app'

describe.each(TEST_DATABASES)('metrics, OpenAPI, garbage upstream and status polls on %s', (db) => {
  let app: TestApp
  let alice: string

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
    app.clock.advance(10_000)
  })
  afterEach(async () => {
    await clearFaults(app.sim)
  })

  it.each([
    ['malformed JSON', { malformed_json: true }],
    ['a 5 MB body', { oversized_body_bytes: 5 * 1024 * 1024 }],
    [
      'HTTP 200 with an error code',
      { business_error: { code: 'SYSTEM_ERROR', msg: '<script>x</script>' } },
    ],
  ])(
    'answers a notification 502 with a generic message when Query answers %s (S8)',
    async (_name, fault) => {
      const orderNo = orderNoOf(await createOrder(app, alice))
      await payOrder(app, alice, orderNo)
      await setFaults(app.sim, { routes: ['QuickPay/Query'], ...fault })
      const response = await notify(app, JSON.stringify({ order_no: orderNo }))
      expect(response.status).toBe(502)
      expect(response.text).not.toContain('script')
      expect((response.json as { error: { message: string } }).error.message).toBe(
        'The payment provider is unavailable.',
      )
      expect((await app.deps.repository.orders.find(orderNo))?.status).toBe('pending')
      await clearFaults(app.sim)
      app.clock.advance(10_000)
      expect((await notify(app, JSON.stringify({ order_no: orderNo }))).text).toBe('SUCCESS')
    },
  )

  it('settles a paid order when the shopper polls it, with one coalesced Query for many polls', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    app.clock.advance(6_000)
    const before = await queryCount(app.sim)
    const polls = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.request('GET', `/api/orders/${orderNo}`, { token: alice }),
      ),
    )
    expect(polls.every((poll) => poll.status === 200)).toBe(true)
    await app.deps.confirmer.idle()
    const after = await app.request('GET', `/api/orders/${orderNo}`, { token: alice })
    expect((after.json as { order: { status: string } }).order.status).toBe('paid')
    expect(await queryCount(app.sim)).toBe(before + 1)
  })

  it('exposes Prometheus counters for requests, notifications, upstream calls and orders', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    await notify(app, JSON.stringify({ order_no: orderNo }))
    const response = await app.request('GET', '/metrics')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = response.text
    expect(text).toMatch(
      /bff_http_requests_total\{method="POST",route="\/api\/orders",status="201"\} \d+/,
    )
    expect(text).toContain('route="/notify/lianke/:secret"')
    expect(text).toMatch(/bff_http_request_duration_seconds_bucket\{/)
    expect(text).toMatch(/bff_notifications_total\{outcome="paid"\} \d+/)
    expect(text).toMatch(/bff_upstream_requests_total\{route="QuickPay\/Query",outcome="ok"\} \d+/)
    expect(text).toMatch(/bff_upstream_request_duration_seconds_count\{route="QuickPay\/JSAPIPay"/)
    expect(text).toMatch(/bff_orders\{status="paid"\} [1-9]\d*/)
    expect(text).not.toContain(app.deps.env.NOTIFY_SECRET)
  })

  it('publishes an OpenAPI 3.1 document listing every route with schemas and the error envelope', async () => {
    const response = await app.request('GET', '/openapi.json')
    const document = response.json as {
      openapi: string
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
      >
      components: { schemas: Record<string, unknown> }
    }
    expect(document.openapi).toBe('3.1.0')
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/sessions',
        'GET /api/products',
        'POST /api/orders',
        'GET /api/orders',
        'GET /api/orders/{order_no}',
        'POST /api/orders/{order_no}/payment',
        'POST /api/orders/{order_no}/cancel',
        'POST /api/orders/{order_no}/claims',
        'POST /notify/lianke/{secret}',
        'GET /api/admin/orders',
        'GET /api/admin/orders/{order_no}',
        'POST /api/admin/orders/{order_no}/refunds',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
      ]),
    )
    const create = document.paths['/api/orders']?.post
    expect(JSON.stringify(create?.requestBody)).toContain('"sku"')
    expect(document.components.schemas.ErrorEnvelope).toBeDefined()
    expect(response.text).not.toContain(app.deps.env.NOTIFY_SECRET)
  })
})
