import { request as httpRequest, type Server } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp } from '../../src/app'
import { notificationLane } from '../../src/fast-lane/notification-lane'
import { sharedWithLanes, type SharedWithLanes } from '../../src/fast-lane/shared-with-lanes'
import { TEST_DATABASES } from '../support/databases'
import { answerHeaders, closeAll, serve, urlOf } from '../support/lane-servers'
import { createOrder, orderNoOf } from '../support/orders'
import { NOTIFY_PATH, payOrder } from '../support/payments'
import { paidOrder } from '../support/refunds'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const post = (base: string, body: string, path = NOTIFY_PATH): Promise<Response> =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

/**
 * POSTs `parts` to the notify path in two writes, 30 ms apart (chunked unless `length` is
 * declared); the answer's status and text.
 */
function postInParts(
  base: string,
  parts: [string | Buffer, string | Buffer],
  length?: number,
): Promise<{ status: number | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${base}${NOTIFY_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(length === undefined ? {} : { 'content-length': String(length) }),
      },
    })
    sent.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode, text }))
    })
    sent.on('error', reject)
    sent.write(parts[0])
    // The rest after a pause, so the server sees the body arrive in pieces.
    setTimeout(() => sent.end(parts[1]), 30)
  })
}

describe.each(TEST_DATABASES)('the notification lane on %s', (db) => {
  let app: TestApp
  let alice: string
  let shared: SharedWithLanes
  /** The app without the lane, sharing the lane's settled copies. */
  let koaOnly: Server
  /** The lane alone; a request it hands on is answered 599 and counted. */
  let laneOnly: Server
  /** The lane in front of the app, as request-handler.ts puts them. */
  let both: Server
  let handedOn = 0

  beforeAll(async () => {
    app = await startTestApp({ db })
    shared = sharedWithLanes(app.deps.env)
    const koa = createApp(app.deps, shared).callback()
    const lane = notificationLane(app.deps, shared)
    koaOnly = await serve((request, response) => void koa(request, response))
    laneOnly = await serve((request, response) => {
      lane(request, response, () => {
        handedOn += 1
        // Untouched: nothing written, so the app could still answer it.
        response.statusCode = response.headersSent ? 598 : 599
        response.end()
      })
    })
    both = await serve((request, response) => {
      lane(request, response, () => void koa(request, response))
    })
    alice = await app.login('wechat-miniprogram', 'notify-lane-alice')
  })
  afterAll(async () => {
    await closeAll([koaOnly, laneOnly, both])
    await app.close()
  })

  /** A metric's value from the app's registry (0 when absent). */
  const metric = async (name: string, labels: Record<string, string>): Promise<number> => {
    const values = (await app.deps.metrics.registry.getSingleMetric(name)?.get())?.values ?? []
    const found = values.find((value) =>
      Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
    )
    return found?.value ?? 0
  }
  const repeats = () => metric('bff_notifications_total', { outcome: 'repeat' })
  const laneRouteAnswers = () =>
    metric('bff_http_requests_total', {
      method: 'POST',
      route: '/notify/lianke/:secret',
      status: '200',
    })

  /** A paid order's notification, stored once and acknowledged once as a repeat by the app. */
  async function rememberedCopy(): Promise<{ orderNo: string; body: string }> {
    const orderNo = await paidOrder(app, alice)
    const body = JSON.stringify({ order_no: orderNo, transaction_status: 'SUCCESSED' })
    for (let delivery = 0; delivery < 2; delivery += 1) {
      const answer = await post(urlOf(koaOnly), body)
      expect(await answer.text()).toBe('SUCCESS')
    }
    return { orderNo, body }
  }

  it("answers a settled order's remembered copy exactly as the app does, without a write", async () => {
    const { orderNo, body } = await rememberedCopy()
    const stored = (await app.deps.repository.notifications.list(orderNo)).length
    const [repeatsBefore, answersBefore, handedOnBefore] = [
      await repeats(),
      await laneRouteAnswers(),
      handedOn,
    ]
    const viaLane = await post(urlOf(laneOnly), body)
    const viaKoa = await post(urlOf(koaOnly), body)
    expect(handedOn).toBe(handedOnBefore)
    expect(viaLane.status).toBe(200)
    expect(viaKoa.status).toBe(200)
    expect(answerHeaders(viaLane)).toEqual(answerHeaders(viaKoa))
    expect(answerHeaders(viaLane)).toMatchObject({ 'content-type': 'text/plain; charset=utf-8' })
    expect(await viaLane.text()).toBe('SUCCESS')
    expect(await viaKoa.text()).toBe('SUCCESS')
    // Both counted as repeats and as answers of the route; nothing stored for either.
    expect((await repeats()) - repeatsBefore).toBe(2)
    expect((await laneRouteAnswers()) - answersBefore).toBe(2)
    expect(await app.deps.repository.notifications.list(orderNo)).toHaveLength(stored)
  })

  it('writes one request line per answer, with the secret redacted from its path', async () => {
    const { body } = await rememberedCopy()
    const answer = await fetch(`${urlOf(laneOnly)}${NOTIFY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'notify-lane-id-1' },
      body,
    })
    expect(answer.headers.get('x-request-id')).toBe('notify-lane-id-1')
    const lines = app.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request' && line.request_id === 'notify-lane-id-1')
    expect(lines).toEqual([
      expect.objectContaining({ method: 'POST', path: '/notify/lianke/[redacted]', status: 200 }),
    ])
    expect(app.logs.join('\n')).not.toContain(CANARIES.NOTIFY_SECRET)
  })

  it('hands on untouched what it does not take, and the app answers it as before', async () => {
    const { body } = await rememberedCopy()
    const lane = urlOf(laneOnly)
    const handedOnFor = async (request: () => Promise<{ status: number | undefined }>) => {
      const before = handedOn
      const response = await request()
      expect(response.status).toBe(599)
      return handedOn - before
    }
    const wrongSecret = `/notify/lianke/${CANARIES.NOTIFY_SECRET.slice(1)}x`
    expect(await handedOnFor(() => post(lane, body, wrongSecret))).toBe(1)
    expect(await handedOnFor(() => post(lane, body, `${NOTIFY_PATH}?retry=1`))).toBe(1)
    expect(await handedOnFor(() => post(lane, body, `${NOTIFY_PATH}/`))).toBe(1)
    expect(await handedOnFor(() => post(lane, body, `${NOTIFY_PATH.slice(0, -1)}%66`))).toBe(1)
    expect(await handedOnFor(() => post(lane, body, NOTIFY_PATH.toUpperCase()))).toBe(1)
    expect(await handedOnFor(() => fetch(`${lane}${NOTIFY_PATH}`))).toBe(1)
    expect(await handedOnFor(() => post(lane, ''))).toBe(1)
    // Chunked: no declared length.
    expect(await handedOnFor(() => postInParts(lane, [body.slice(0, 5), body.slice(5)]))).toBe(1)
    // Another order's copy the route has not seen yet: read, then handed on.
    expect(await handedOnFor(() => post(lane, JSON.stringify({ order_no: 'Q-NOT-SEEN' })))).toBe(1)

    // Through the lane in front of the app, the app answers each as it always has.
    const whole = urlOf(both)
    expect((await post(whole, body, wrongSecret)).status).toBe(404)
    expect(await (await post(whole, body, `${NOTIFY_PATH}?retry=1`)).text()).toBe('SUCCESS')
    expect((await postInParts(whole, [body.slice(0, 5), body.slice(5)])).text).toBe('SUCCESS')
    const tooLarge = JSON.stringify({ order_no: 'x', pad: 'a'.repeat(70_000) })
    expect((await post(whole, tooLarge)).status).toBe(413)
    const unread = await post(whole, 'not a notification')
    expect(unread.status).toBe(400)
  })

  it('leaves the bytes it read to the route, which stores exactly them, however they arrived', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    app.clock.advance(10_000)
    const body = JSON.stringify({ order_no: orderNo, note: '支付成功通知' })
    // Declared length, the body in two writes split inside a multi-byte character.
    const bytes = Buffer.from(body)
    const cut = bytes.indexOf(Buffer.from('成')) + 1
    const answer = await postInParts(
      urlOf(both),
      [bytes.subarray(0, cut), bytes.subarray(cut)],
      bytes.length,
    )
    expect(answer).toEqual({ status: 200, text: 'SUCCESS' })
    const stored = await app.deps.repository.notifications.list(orderNo)
    expect(stored.map((row) => [row.raw_body, row.outcome])).toContainEqual([body, 'paid'])
    // Stored and settled: the next copy is the lane's.
    const before = handedOn
    expect(await (await post(urlOf(both), body)).text()).toBe('SUCCESS')
    expect(await (await post(urlOf(laneOnly), body)).text()).toBe('SUCCESS')
    expect(handedOn).toBe(before)
  })
})
