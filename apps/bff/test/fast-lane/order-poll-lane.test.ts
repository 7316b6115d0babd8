import { request as httpRequest, type Server } from 'node:http'
import { Writable } from 'node:stream'

import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp } from '../../src/app'
import { orderPollLane } from '../../src/fast-lane/order-poll-lane'
import { createLogger } from '../../src/logger'
import { TEST_DATABASES } from '../support/databases'
import { answerHeaders, closeAll, serve, urlOf } from '../support/lane-servers'
import { createOrder, orderNoOf } from '../support/orders'
import { paidOrder, requestRefund } from '../support/refunds'
import { startTestApp, type TestApp } from '../support/test-app'

describe.each(TEST_DATABASES)('the order-poll lane on %s', (db) => {
  let app: TestApp
  /** The same app without the lane: every request through Koa. */
  let koaOnly: Server
  /** The lane alone; a request it hands on is answered 599 and counted. */
  let laneOnly: Server
  let handedOn = 0
  let alice: string
  let bob: string

  beforeAll(async () => {
    app = await startTestApp({ db })
    const koa = createApp(app.deps).callback()
    koaOnly = await serve((request, response) => void koa(request, response))
    const lane = orderPollLane(app.deps)
    laneOnly = await serve((request, response) => {
      lane(request, response, () => {
        handedOn += 1
        // Untouched: nothing written, so the app could still answer it.
        response.statusCode = response.headersSent ? 598 : 599
        response.end()
      })
    })
    alice = await app.login('wechat-miniprogram', 'lane-alice')
    bob = await app.login('wechat-miniprogram', 'lane-bob')
  })
  afterAll(async () => {
    await closeAll([koaOnly, laneOnly])
    await app.close()
  })

  /** The requests counted under the order poll's route and a 200, as /metrics reports them. */
  const pollsCounted = async (): Promise<number> => {
    const metrics = await (await fetch(`${app.url}/metrics`)).text()
    const label = 'method="GET",route="/api/orders/:order_no",status="200"'
    const line = metrics
      .split('\n')
      .find((each) => each.startsWith(`bff_http_requests_total{${label}}`))
    return Number(line?.split(' ').at(-1) ?? 0)
  }

  const get = (base: string, path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })

  it('answers a paid, refunded order exactly as the app does: status, headers and body', async () => {
    const orderNo = await paidOrder(app, alice)
    const refunded = await requestRefund(app, orderNo, { amount: 100, reason: '退一点' }, 'lane-r1')
    expect(refunded.status).toBe(201)
    const path = `/api/orders/${orderNo}`
    const before = handedOn
    const viaLane = await get(urlOf(laneOnly), path, alice)
    const viaKoa = await get(urlOf(koaOnly), path, alice)
    expect(handedOn).toBe(before)
    expect(viaLane.status).toBe(200)
    expect(viaKoa.status).toBe(200)
    expect(answerHeaders(viaLane)).toEqual(answerHeaders(viaKoa))
    expect(answerHeaders(viaLane)).toMatchObject({
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
    })
    const body = await viaLane.text()
    expect(body).toBe(await viaKoa.text())
    expect(JSON.parse(body)).toMatchObject({
      order: {
        order_no: orderNo,
        status: 'partially_refunded',
        refunded_amount: 100,
        refunds: [{ amount: 100 }],
      },
    })
  })

  it('echoes a sane X-Request-Id, makes one otherwise, and writes one request line and one metric', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const path = `/api/orders/${orderNo}`
    const before = await pollsCounted()
    const echoed = await get(urlOf(laneOnly), path, alice, { 'x-request-id': 'lane-test-id-1' })
    expect(echoed.status).toBe(200)
    expect(echoed.headers.get('x-request-id')).toBe('lane-test-id-1')
    const made = await get(urlOf(laneOnly), path, alice, { 'x-request-id': 'bad id!' })
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    const lines = app.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request' && line.request_id === 'lane-test-id-1')
    expect(lines).toEqual([
      expect.objectContaining({ method: 'GET', path, status: 200, level: 30, service: 'bff' }),
    ])
    expect((await pollsCounted()) - before).toBe(2)
  })

  it('hands every other request on untouched: errors, other shoppers, HEAD, queries, bodies', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const path = `/api/orders/${orderNo}`
    const lane = urlOf(laneOnly)
    const handedOnFor = async (request: () => Promise<Response>): Promise<number> => {
      const before = handedOn
      const response = await request()
      expect(response.status).toBe(599)
      return handedOn - before
    }
    expect(await handedOnFor(() => get(lane, path, bob))).toBe(1)
    expect(await handedOnFor(() => get(lane, '/api/orders/NO-SUCH-ORDER', alice))).toBe(1)
    expect(await handedOnFor(() => get(lane, path, 'not-a-session-token-at-all'))).toBe(1)
    expect(await handedOnFor(() => fetch(`${lane}${path}`))).toBe(1)
    expect(await handedOnFor(() => get(lane, `${path}?fields=all`, alice))).toBe(1)
    expect(await handedOnFor(() => get(lane, `/api/orders/${orderNo}%41`, alice))).toBe(1)
    expect(await handedOnFor(() => get(lane, `/api/orders/${orderNo}/payment`, alice))).toBe(1)
    expect(
      await handedOnFor(() =>
        fetch(`${lane}${path}`, { method: 'HEAD', headers: { authorization: `Bearer ${alice}` } }),
      ),
    ).toBe(1)
    // fetch sends no body with a GET; node:http does.
    const before = handedOn
    const withBody = await new Promise<number | undefined>((resolve, reject) => {
      const sent = httpRequest(`${lane}${path}`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${alice}`,
          'content-type': 'application/json',
          'content-length': '2',
        },
      })
      sent.on('response', (response) => {
        response.resume()
        resolve(response.statusCode)
      })
      sent.on('error', reject)
      sent.end('{}')
    })
    expect(withBody).toBe(599)
    expect(handedOn - before).toBe(1)

    // Through the whole handler, the app answers those as it always has.
    expect((await app.request('GET', path, { token: bob })).json).toMatchObject({
      error: { code: 'ORDER_NOT_FOUND' },
    })
    expect((await app.request('GET', path, { token: 'not-a-session-token-at-all' })).status).toBe(
      401,
    )
    expect((await app.request('GET', `${path}?fields=all`, { token: alice })).status).toBe(200)
  })

  it('logs a request line that cannot be written, after answering, and keeps serving', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done()
      },
    })
    const requestLines = createLogger('info', broken)
    // The line's destination fails as a closed standard output would.
    ;(requestLines as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
      write() {
        throw new Error('EPIPE: the request line could not be written')
      },
    }
    const lane = orderPollLane({ ...app.deps, requestLines })
    const server = await serve((request, response) => {
      lane(request, response, () => {
        response.statusCode = 599
        response.end()
      })
    })
    try {
      const path = `/api/orders/${orderNoOf(await createOrder(app, alice))}`
      for (let round = 0; round < 2; round += 1) {
        expect((await get(urlOf(server), path, alice)).status).toBe(200)
      }
      const failures = app.logs.filter((line) => line.includes('order poll bookkeeping failed'))
      expect(failures.length).toBe(2)
      expect(failures[0]).toContain('EPIPE')
    } finally {
      await closeAll([server])
    }
  })

  it('refuses a revoked session within one second', async () => {
    const carol = await app.login('wechat-miniprogram', 'lane-carol')
    const path = `/api/orders/${orderNoOf(await createOrder(app, carol))}`
    expect((await app.request('GET', path, { token: carol })).status).toBe(200)
    const revokedAt = performance.now()
    expect(
      await app.deps.repository.sessions.deleteExpired(Number.MAX_SAFE_INTEGER),
    ).toBeGreaterThan(0)
    const late: number[] = []
    while (performance.now() - revokedAt < 1500) {
      const sentAfterMs = performance.now() - revokedAt
      const { status } = await app.request('GET', path, { token: carol })
      if (sentAfterMs >= 1000) late.push(status)
      await new Promise((done) => setTimeout(done, 25))
    }
    expect(late.length).toBeGreaterThan(0)
    expect(late.filter((status) => status !== 401)).toEqual([])
  })
})
