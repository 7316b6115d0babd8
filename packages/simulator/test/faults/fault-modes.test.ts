import type { RefundResultInfo } from '@quickpay/contracts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SIMULATOR_DEFAULTS, startSimulator, type RunningSimulator } from '../../src'
import { getJson } from '../support/http'
import { PAYER, callAggregator, newOrderNo, walletPay } from '../support/orders'

const STORE = SIMULATOR_DEFAULTS.storeNo

let sim: RunningSimulator
beforeEach(async () => {
  sim = await startSimulator()
})
afterEach(() => sim.close())

async function setFaults(settings: unknown): Promise<Response> {
  return fetch(`${sim.url}/__sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  })
}

function jsapiBody(orderNo = newOrderNo()) {
  return {
    store_no: STORE,
    appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
    openid: PAYER,
    amount: 100,
    order_no: orderNo,
  }
}

function rawJsapi(orderNo = newOrderNo(), signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.url}/QuickPay/JSAPIPay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(jsapiBody(orderNo)),
    ...(signal ? { signal } : {}),
  })
}

describe('fault modes on the aggregator routes', () => {
  it('refuses an invalid fault set with 400 naming the field', async () => {
    const response = await setFaults({ error_rate: 2, routes: ['QuickPay/Nope'] })

    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string }
    expect(body.error).toMatch(/error_rate/)
    expect(body.error).toMatch(/routes/)
  })

  it('latency: the answer comes no sooner than latency_ms', async () => {
    await setFaults({ latency_ms: 250 })
    const started = performance.now()

    const response = await rawJsapi()

    expect(performance.now() - started).toBeGreaterThanOrEqual(240)
    expect(((await response.json()) as { code: string }).code).toBe('SUCCESS')
  })

  it('hang: never answers; the client gives up and the simulator keeps serving', async () => {
    await setFaults({ hang: true, times: 1 })

    await expect(rawJsapi(newOrderNo(), AbortSignal.timeout(200))).rejects.toThrow()
    const after = await rawJsapi()

    expect(after.status).toBe(200)
    expect(sim.state.stats.calls['QuickPay/JSAPIPay']).toBe(2)
  })

  it('hang: close() cuts a hung request instead of waiting for it', async () => {
    await setFaults({ hang: true })
    const pending = rawJsapi()
    pending.catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 50))

    await sim.close()

    await expect(pending).rejects.toThrow()
  })

  it('http_status: answers 503 without processing the call', async () => {
    await setFaults({ http_status: 503 })
    const orderNo = newOrderNo()

    const response = await rawJsapi(orderNo)

    expect(response.status).toBe(503)
    expect(sim.state.findOrder(orderNo)).toBeUndefined()
  })

  it('error_rate: with http_status, exactly that fraction of calls fails', async () => {
    await setFaults({ http_status: 503, error_rate: 0.5 })

    const statuses: number[] = []
    for (let i = 0; i < 6; i += 1) statuses.push((await rawJsapi()).status)

    expect(statuses).toEqual([200, 503, 200, 503, 200, 503])
  })

  it('malformed_json: the body cannot be parsed', async () => {
    await setFaults({ malformed_json: true })

    const response = await rawJsapi()

    expect(response.status).toBe(200)
    const text = await response.text()
    expect(() => JSON.parse(text) as unknown).toThrow()
  })

  it('oversized_body_bytes: the answer is at least that big', async () => {
    await setFaults({ oversized_body_bytes: 5 * 1024 * 1024 })

    const response = await rawJsapi()
    const bytes = (await response.arrayBuffer()).byteLength

    expect(bytes).toBeGreaterThanOrEqual(5 * 1024 * 1024)
  })

  it('business_error: answers the given code and msg', async () => {
    await setFaults({ business_error: { code: 'SYSTEM_BUSY', msg: '系统繁忙' } })

    const envelope = await callAggregator(sim, 'QuickPay/Query', {
      store_no: STORE,
      order_no: 'x',
    })

    expect(envelope).toEqual({ code: 'SYSTEM_BUSY', msg: '系统繁忙', data: null })
  })

  it('reset_after_processing: the order is created but the connection is cut', async () => {
    await setFaults({ reset_after_processing: true, times: 1 })
    const orderNo = newOrderNo()

    await expect(rawJsapi(orderNo)).rejects.toThrow()
    const query = await callAggregator(sim, 'QuickPay/Query', {
      store_no: STORE,
      order_no: orderNo,
    })

    expect(query.data?.transaction_status).toBe('CREATE')
  })

  it('script_cloudpay_param: cloudpay_param carries script text', async () => {
    await setFaults({ script_cloudpay_param: true })

    const envelope = await callAggregator(sim, 'QuickPay/JSAPIPay', jsapiBody())

    expect(envelope.data?.cloudpay_param).toMatch(/<script>/)
  })

  it('times: the faults apply to the next N calls, then clear', async () => {
    await setFaults({ http_status: 500, times: 2 })

    const statuses: number[] = []
    for (let i = 0; i < 3; i += 1) statuses.push((await rawJsapi()).status)

    expect(statuses).toEqual([500, 500, 200])
    const current = await getJson<{ settings: unknown }>(`${sim.url}/__sim/faults`)
    expect(current.body.settings).toBeNull()
  })

  it('routes: only the named routes suffer', async () => {
    await setFaults({ routes: ['QuickPay/Query'], http_status: 503 })

    const create = await rawJsapi()
    const query = await fetch(`${sim.url}/QuickPay/Query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ store_no: STORE, order_no: 'x' }),
    })

    expect(create.status).toBe(200)
    expect(query.status).toBe(503)
  })

  it('refund_outcome fail: REFUNDFAILED, and the same refund_no succeeds once the fault is gone', async () => {
    const created = await callAggregator(sim, 'QuickPay/JSAPIPay', jsapiBody())
    await walletPay(sim, created.data?.cloudpay_param, PAYER)
    const refund = {
      store_no: STORE,
      operator: 'admin',
      order_no: created.data?.order_no,
      refund_no: 'RF1',
      refund_amount: 100,
    }
    await setFaults({ routes: ['QuickPay/Refund'], refund_outcome: 'fail', times: 1 })

    const failed = await callAggregator<RefundResultInfo>(sim, 'QuickPay/Refund', refund)
    const retried = await callAggregator<RefundResultInfo>(sim, 'QuickPay/Refund', refund)

    expect(failed.data?.transaction_status).toBe('REFUNDFAILED')
    expect(retried.data?.transaction_status).toBe('REFUNDED')
  })

  it('DELETE /__sim/faults removes every fault', async () => {
    await setFaults({ http_status: 503 })

    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' })

    expect((await rawJsapi()).status).toBe(200)
  })
})
