import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { LiankeCallEvent } from '../../src/index'
import {
  LiankeBusinessError,
  LiankeHttpError,
  LiankeInvalidResponseError,
  LiankeRequestError,
  LiankeTimeoutError,
  isLiankeError,
} from '../../src/index'
import type { SimHarness } from '../helpers/simulator-harness'
import { freshOrderNo, startHarness, wechatOrder } from '../helpers/simulator-harness'

let h: SimHarness
let orderNo: string

beforeAll(async () => {
  h = await startHarness()
  orderNo = freshOrderNo('Q')
  await h.client().jsapiPay({ ...wechatOrder(orderNo, 321), attach: 'echo me' })
})
afterEach(async () => {
  await h.clearFaults()
})
afterAll(async () => {
  await h.close()
})

describe('query', () => {
  it("answers the order's state with its amount and attach", async () => {
    const result = await h.client().query({ order_no: orderNo })
    expect(result).toMatchObject({
      transaction_status: 'CREATE',
      order_no: orderNo,
      total_amount: 321,
      attach: 'echo me',
    })
  })

  it('reports an unknown order as ORDER_NOT_FOUND without retrying', async () => {
    const before = await h.calls('QuickPay/Query')
    const promise = h.client().query({ order_no: freshOrderNo('NONE') })
    await expect(promise).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(promise).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
      resultCode: 'ORDER_NOT_EXIST',
      attempts: 1,
    })
    expect(await h.calls('QuickPay/Query')).toBe(before + 1)
  })

  it('refuses a 33-character order_no before sending', async () => {
    const before = await h.calls('QuickPay/Query')
    const promise = h.client().query({ order_no: 'Q'.repeat(33) })
    await expect(promise).rejects.toBeInstanceOf(LiankeRequestError)
    await expect(promise).rejects.toThrow(
      'Query request invalid: order_no: must be 1-32 characters long',
    )
    expect(await h.calls('QuickPay/Query')).toBe(before)
  })

  it('retries a 503 from a flaky aggregator and succeeds', async () => {
    // The simulator fails every second matching call (deterministic error_rate 0.5).
    await h.setFaults({ routes: ['QuickPay/Query'], http_status: 503, error_rate: 0.5 })
    const client = h.client()
    await client.query({ order_no: orderNo })
    const events: LiankeCallEvent[] = []
    const before = await h.calls('QuickPay/Query')
    const result = await h
      .client({ onCall: (event) => events.push(event) })
      .query({ order_no: orderNo })
    expect(result.order_no).toBe(orderNo)
    expect(events.map((e) => [e.attempt, e.outcome, e.error?.status])).toEqual([
      [1, 'error', 503],
      [2, 'ok', undefined],
    ])
    expect(await h.calls('QuickPay/Query')).toBe(before + 2)
  })

  it('gives up on a steady 503 after the retry limit', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], http_status: 503 })
    const before = await h.calls('QuickPay/Query')
    const promise = h.client({ retry: { limit: 2, baseDelayMs: 10 } }).query({ order_no: orderNo })
    await expect(promise).rejects.toBeInstanceOf(LiankeHttpError)
    await expect(promise).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 503, attempts: 3 })
    expect(await h.calls('QuickPay/Query')).toBe(before + 3)
  })

  it('does not retry a 4xx other than 429', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], http_status: 400 })
    const promise = h.client().query({ order_no: orderNo })
    await expect(promise).rejects.toMatchObject({ status: 400, attempts: 1, retriable: false })
  })

  it('retries a 429', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], http_status: 429, times: 1 })
    const result = await h.client().query({ order_no: orderNo })
    expect(result.order_no).toBe(orderNo)
  })

  it('retries a reset after processing, since reading twice is harmless', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], reset_after_processing: true, times: 2 })
    const events: LiankeCallEvent[] = []
    const result = await h.client({ onCall: (e) => events.push(e) }).query({ order_no: orderNo })
    expect(result.order_no).toBe(orderNo)
    expect(events.map((e) => e.error?.code ?? 'ok')).toEqual(['NETWORK', 'NETWORK', 'ok'])
  })

  it('ends within the deadline against a hanging aggregator, never near the 10 s default', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], hang: true })
    const started = performance.now()
    const promise = h.client({ timeoutMs: 150 }).query({ order_no: orderNo })
    await expect(promise).rejects.toBeInstanceOf(LiankeTimeoutError)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('retries an attempt that timed out, and names the deadline that ended each attempt', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], hang: true })
    const events: LiankeCallEvent[] = []
    const promise = h
      .client({ timeoutMs: 150, deadlineMs: 400, onCall: (e) => events.push(e) })
      .query({ order_no: orderNo })
    await expect(promise).rejects.toThrow(/overall deadline/)
    const messages = events.map((e) => e.error?.message ?? 'ok')
    expect(messages.length).toBeGreaterThanOrEqual(2)
    expect(messages[0]).toMatch(/within the attempt deadline/)
    expect(messages.at(-1)).toMatch(/within the overall deadline/)
  })

  it('honours an explicit deadline shorter than the attempts would take', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], hang: true })
    const promise = h.client({ timeoutMs: 1000, deadlineMs: 200 }).query({ order_no: orderNo })
    await expect(promise).rejects.toThrow(/overall deadline/)
  })

  it('refuses malformed JSON and an oversized answer without retrying', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], malformed_json: true, times: 1 })
    const malformed = h.client().query({ order_no: orderNo })
    await expect(malformed).rejects.toBeInstanceOf(LiankeInvalidResponseError)
    await expect(malformed).rejects.toMatchObject({ attempts: 1, maybeProcessed: true })

    await h.setFaults({ routes: ['QuickPay/Query'], oversized_body_bytes: 64 * 1024, times: 1 })
    const oversized = h.client({ maxResponseBytes: 16 * 1024 }).query({ order_no: orderNo })
    await expect(oversized).rejects.toBeInstanceOf(LiankeInvalidResponseError)
    await expect(oversized).rejects.toThrow(/larger than 16384 bytes/)
  })

  it('reports a business error with code and message', async () => {
    await h.setFaults({ business_error: { code: 'SYSTEM_BUSY', msg: '请稍后再试' } })
    const promise = h.client().query({ order_no: orderNo })
    await expect(promise).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(promise).rejects.toThrow('QuickPay/Query refused: SYSTEM_BUSY (请稍后再试)')
  })

  it('marks every error it throws as a LiankeError', async () => {
    await h.setFaults({ routes: ['QuickPay/Query'], malformed_json: true, times: 1 })
    const error: unknown = await h
      .client()
      .query({ order_no: orderNo })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(isLiankeError(error)).toBe(true)
    expect(isLiankeError(new Error('other'))).toBe(false)
  })
})
