import { parseCloudpayParam } from '@quickpay/contracts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { LiankeCallEvent } from '../../src/index'
import {
  LiankeAbortedError,
  LiankeBusinessError,
  LiankeHttpError,
  LiankeInvalidResponseError,
  LiankeNetworkError,
  LiankeTimeoutError,
} from '../../src/index'
import type { SimHarness } from '../helpers/simulator-harness'
import {
  WECHAT_OPENID,
  freshOrderNo,
  startHarness,
  wechatOrder,
} from '../helpers/simulator-harness'

let h: SimHarness

beforeAll(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.clearFaults()
})
afterAll(async () => {
  await h.close()
})

describe('jsapiPay', () => {
  it('creates a pre-order whose cloudpay_param holds the six WeChat parameters', async () => {
    const orderNo = freshOrderNo()
    const result = await h.client().jsapiPay(wechatOrder(orderNo))
    expect(result.transaction_status).toBe('CREATE')
    expect(result.order_no).toBe(orderNo)
    const param = parseCloudpayParam(11, result.cloudpay_param)
    expect(param.wallet).toBe('wechat')
    expect((await h.stats()).orders[orderNo]?.jsapi_calls).toBe(1)
  })

  it('sends operator WEB by default and the client option otherwise', async () => {
    const byDefault = freshOrderNo()
    await h.client().jsapiPay(wechatOrder(byDefault))
    expect((await h.order(byDefault)).body).toMatchObject({ operator: 'WEB' })
    const configured = freshOrderNo()
    await h.client({ operator: 'POS1' }).jsapiPay(wechatOrder(configured))
    expect((await h.order(configured)).body).toMatchObject({ operator: 'POS1' })
  })

  it('resolves a timed-out first attempt through Query once the retry hears "order exists"', async () => {
    // Attempt 1 gives up after 50 ms; the simulator still creates the order at 100 ms, well
    // before the retry (backoff at least 300 ms) arrives with the same order_no.
    await h.setFaults({ routes: ['QuickPay/JSAPIPay'], latency_ms: 100, times: 1 })
    const orderNo = freshOrderNo()
    const events: LiankeCallEvent[] = []
    const client = h.client({
      timeoutMs: 50,
      deadlineMs: 5000,
      retry: { baseDelayMs: 600, maxDelayMs: 600 },
      onCall: (event) => events.push(event),
    })
    const result = await client.jsapiPay(wechatOrder(orderNo))
    expect(result).toMatchObject({
      transaction_status: 'CREATE',
      order_no: orderNo,
      total_amount: 100,
    })
    expect(parseCloudpayParam(11, result.cloudpay_param).wallet).toBe('wechat')
    expect(events.map((e) => [e.route, e.error?.code ?? 'ok'])).toEqual([
      ['QuickPay/JSAPIPay', 'TIMEOUT'],
      ['QuickPay/JSAPIPay', 'ORDER_EXISTS'],
      ['QuickPay/Query', 'ok'],
    ])
    expect((await h.stats()).orders[orderNo]?.jsapi_calls).toBe(2)
  })

  it('reports a repeated order_no as a business error after one attempt, without retrying', async () => {
    const orderNo = freshOrderNo()
    const client = h.client()
    await client.jsapiPay(wechatOrder(orderNo))
    const again = client.jsapiPay(wechatOrder(orderNo))
    await expect(again).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(again).rejects.toMatchObject({
      code: 'ORDER_EXISTS',
      resultCode: 'ORDER_EXISTS',
      attempts: 1,
      orderNo,
      maybeProcessed: false,
    })
    expect((await h.stats()).orders[orderNo]?.jsapi_calls).toBe(2)
  })

  it('retries a reset after processing with the same order_no and ends with the order via Query', async () => {
    await h.setFaults({ routes: ['QuickPay/JSAPIPay'], reset_after_processing: true, times: 1 })
    const orderNo = freshOrderNo()
    const events: LiankeCallEvent[] = []
    const queriesBefore = await h.calls('QuickPay/Query')
    const result = await h
      .client({ onCall: (event) => events.push(event) })
      .jsapiPay(wechatOrder(orderNo))

    expect(result.transaction_status).toBe('CREATE')
    expect(result.order_no).toBe(orderNo)
    expect(parseCloudpayParam(11, result.cloudpay_param).wallet).toBe('wechat')
    expect(events.map((e) => [e.route, e.outcome, e.error?.code])).toEqual([
      ['QuickPay/JSAPIPay', 'error', 'NETWORK'],
      ['QuickPay/JSAPIPay', 'error', 'ORDER_EXISTS'],
      ['QuickPay/Query', 'ok', undefined],
    ])
    const stats = await h.stats()
    expect(stats.orders[orderNo]?.jsapi_calls).toBe(2)
    expect(Object.keys(stats.orders).filter((no) => no === orderNo)).toHaveLength(1)
    expect(await h.calls('QuickPay/Query')).toBe(queriesBefore + 1)
    expect((await h.order(orderNo)).body).toMatchObject({
      order_no: orderNo,
      openid: WECHAT_OPENID,
    })
  })

  it('retries 503 with the same order_no, then reports the HTTP error once Query finds no order', async () => {
    await h.setFaults({ routes: ['QuickPay/JSAPIPay'], http_status: 503 })
    const orderNo = freshOrderNo()
    const queriesBefore = await h.calls('QuickPay/Query')
    const promise = h.client().jsapiPay(wechatOrder(orderNo))
    await expect(promise).rejects.toBeInstanceOf(LiankeHttpError)
    await expect(promise).rejects.toMatchObject({
      status: 503,
      attempts: 3,
      retriable: true,
      maybeProcessed: true,
    })
    expect((await h.stats()).orders[orderNo]?.jsapi_calls).toBe(3)
    expect(await h.calls('QuickPay/Query')).toBe(queriesBefore + 1)
  })

  it('gives up at the overall deadline against a hanging aggregator', async () => {
    await h.setFaults({ hang: true })
    const started = performance.now()
    const promise = h.client({ timeoutMs: 200 }).jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeTimeoutError)
    await expect(promise).rejects.toMatchObject({ code: 'TIMEOUT', maybeProcessed: true })
    // Deadline 2.5 × 200 ms; the bound is generous but far below the 10 s default.
    expect(performance.now() - started).toBeLessThan(2500)
  })

  it('stops when the caller aborts', async () => {
    await h.setFaults({ hang: true })
    const controller = new AbortController()
    const promise = h.client().jsapiPay(wechatOrder(freshOrderNo()), { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(promise).rejects.toBeInstanceOf(LiankeAbortedError)
  })

  it('refuses malformed JSON as an invalid response', async () => {
    await h.setFaults({ malformed_json: true })
    const promise = h.client().jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeInvalidResponseError)
    await expect(promise).rejects.toThrow(/not JSON/)
  })

  it('refuses an oversized answer as an invalid response', async () => {
    await h.setFaults({ oversized_body_bytes: 5 * 1024 * 1024 })
    const promise = h.client().jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeInvalidResponseError)
    await expect(promise).rejects.toThrow(/larger than 1048576 bytes/)
  })

  it('refuses script text in cloudpay_param so it never reaches a wallet', async () => {
    await h.setFaults({ script_cloudpay_param: true })
    const promise = h.client().jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeInvalidResponseError)
    await expect(promise).rejects.toThrow(/cloudpay_param/)
  })

  it('reports a business error with the aggregator message on the first attempt', async () => {
    await h.setFaults({ business_error: { code: 'SYSTEM_ERROR', msg: '系统繁忙' } })
    const promise = h.client().jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(promise).rejects.toMatchObject({
      resultCode: 'SYSTEM_ERROR',
      upstreamMessage: '系统繁忙',
      attempts: 1,
    })
  })

  it('retries a refused connection (nothing sent) and reports it as not processed', async () => {
    const { createServer } = await import('node:net')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const promise = h
      .client({ baseUrl: `http://127.0.0.1:${port}` })
      .jsapiPay(wechatOrder(freshOrderNo()))
    await expect(promise).rejects.toBeInstanceOf(LiankeNetworkError)
    await expect(promise).rejects.toMatchObject({ attempts: 3, maybeProcessed: false })
  })
})
