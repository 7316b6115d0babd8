import type { RefundResultInfo } from '@quickpay/contracts'
import { parseCloudpayParam } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SIMULATOR_DEFAULTS, startSimulator, wechatPaySign, type RunningSimulator } from '../../src'
import { getJson } from '../support/http'
import { PAYER, callAggregator, createWechatOrder, newOrderNo, walletPay } from '../support/orders'

const STORE = SIMULATOR_DEFAULTS.storeNo

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

function jsapiPay(overrides: Record<string, unknown>) {
  return callAggregator(sim, 'QuickPay/JSAPIPay', {
    store_no: STORE,
    paytype: 11,
    appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
    openid: PAYER,
    amount: 100,
    order_no: newOrderNo(),
    ...overrides,
  })
}

async function paidOrder(amount = 1000): Promise<string> {
  const order = await createWechatOrder(sim, { amount })
  await walletPay(sim, order.cloudpay_param, PAYER, 'success')
  return order.order_no ?? ''
}

function refund(orderNo: string, refundNo: string, refundAmount: number) {
  return callAggregator<RefundResultInfo>(sim, 'QuickPay/Refund', {
    store_no: STORE,
    operator: 'admin',
    order_no: orderNo,
    refund_no: refundNo,
    refund_amount: refundAmount,
  })
}

describe('QuickPay/JSAPIPay', () => {
  it.each([0, 10_000_000_000, 1.5])('refuses amount %s, naming the field', async (amount) => {
    const envelope = await jsapiPay({ amount })

    expect(envelope.code).toBe('PARAM_ERROR')
    expect(envelope.msg).toMatch(/^amount: /)
    expect(envelope.data).toBeNull()
  })

  it('accepts the largest amount, 9 999 999 999 fen', async () => {
    const envelope = await jsapiPay({ amount: 9_999_999_999 })

    expect(envelope.code).toBe('SUCCESS')
    expect(envelope.data?.total_amount).toBe(9_999_999_999)
  })

  it('refuses a 33-character order_no and a missing openid', async () => {
    expect((await jsapiPay({ order_no: 'x'.repeat(33) })).msg).toMatch(/order_no/)
    expect((await jsapiPay({ openid: undefined })).msg).toMatch(/openid/)
  })

  it('refuses a repeated order_no with ORDER_EXISTS and keeps the first order', async () => {
    const orderNo = newOrderNo()
    const first = await jsapiPay({ order_no: orderNo, amount: 100 })
    const second = await jsapiPay({ order_no: orderNo, amount: 200 })

    expect(first.code).toBe('SUCCESS')
    expect(second).toMatchObject({ code: 'ORDER_EXISTS', data: null })
    expect(second.msg).toMatch(/already exists/)
    expect(sim.state.findOrder(orderNo)?.amount).toBe(100)
    const stats = await getJson<{ orders: Record<string, { jsapi_calls: number }> }>(
      `${sim.url}/__sim/stats`,
    )
    expect(stats.body.orders[orderNo]).toEqual({ jsapi_calls: 2 })
  })

  it('refuses an unknown store with STORE_NOT_EXIST', async () => {
    expect((await jsapiPay({ store_no: 'NOPE' })).code).toBe('STORE_NOT_EXIST')
  })

  it('answers CREATE with WeChat parameters whose paySign verifies (MD5, WeChat v2 rule)', async () => {
    const envelope = await jsapiPay({ attach: 'ref-1' })
    const data = envelope.data

    expect(data).toMatchObject({
      transaction_status: 'CREATE',
      paytype: 'WECHATPAY_JSAPI',
      total_amount: 100,
      buyer: PAYER,
      attach: 'ref-1',
    })
    const parsed = parseCloudpayParam(11, data?.cloudpay_param)
    if (parsed.wallet !== 'wechat') throw new Error('expected WeChat parameters')
    expect(parsed.params.signType).toBe('MD5')
    expect(parsed.params.appId).toBe(SIMULATOR_DEFAULTS.wechatMiniprogram.appid)
    expect(parsed.params.package).toMatch(/^prepay_id=wx/)
    expect(wechatPaySign(parsed.params, SIMULATOR_DEFAULTS.wechatPayKey)).toBe(
      parsed.params.paySign,
    )
  })

  it('answers an Alipay trade number for paytype 21 and refuses a non-2088 openid', async () => {
    const ok = await jsapiPay({ paytype: 21, openid: '2088000000000002', appid: '' })
    const bad = await jsapiPay({ paytype: 21, openid: 'oWechatLike' })

    expect(ok.data?.paytype).toBe('ALIPAY_JSAPI')
    expect(ok.data?.cloudpay_param).toMatch(/^\d{22}$/)
    expect(bad.code).toBe('PARAM_ERROR')
    expect(bad.msg).toMatch(/openid/)
  })

  it('accepts a JSON body sent as text/json', async () => {
    const response = await fetch(`${sim.url}/QuickPay/JSAPIPay`, {
      method: 'POST',
      headers: { 'content-type': 'text/json' },
      body: JSON.stringify({
        store_no: STORE,
        appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
        openid: PAYER,
        amount: 1,
        order_no: newOrderNo(),
      }),
    })

    expect(((await response.json()) as { code: string }).code).toBe('SUCCESS')
  })

  it('answers PARAM_ERROR (HTTP 200) for a body that is not JSON', async () => {
    const response = await fetch(`${sim.url}/QuickPay/JSAPIPay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    })

    expect(response.status).toBe(200)
    expect(((await response.json()) as { code: string }).code).toBe('PARAM_ERROR')
  })
})

describe('QuickPay/Query', () => {
  it('answers ORDER_NOT_EXIST for an unknown order', async () => {
    const envelope = await callAggregator(sim, 'QuickPay/Query', {
      store_no: STORE,
      order_no: 'unknown-order',
    })

    expect(envelope).toMatchObject({ code: 'ORDER_NOT_EXIST', data: null })
  })

  it('answers CREATE before payment and SUCCESSED with the transaction after', async () => {
    const order = await createWechatOrder(sim, { amount: 1234, attach: 'a', iteminfo: 'coffee' })
    const query = { store_no: STORE, order_no: order.order_no }

    const before = await callAggregator(sim, 'QuickPay/Query', query)
    await walletPay(sim, order.cloudpay_param, PAYER)
    const after = await callAggregator(sim, 'QuickPay/Query', query)

    expect(before.data).toMatchObject({ transaction_status: 'CREATE', transaction_no: null })
    expect(after.data).toMatchObject({
      transaction_status: 'SUCCESSED',
      total_amount: 1234,
      cash_amount: 1234,
      settlement_amount: 1234,
      coupon_amount: 0,
      buyer: PAYER,
      attach: 'a',
      iteminfo: 'coffee',
      store_no: STORE,
      order_no: order.order_no,
    })
    expect(after.data?.transaction_no).toMatch(/^\d{28}$/)
    expect(after.data?.transaction_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
  })
})

describe('QuickPay/Refund and RefundQuery', () => {
  it('allows partial refunds up to the paid amount and refuses more', async () => {
    const orderNo = await paidOrder(1000)

    const first = await refund(orderNo, 'R1', 400)
    const second = await refund(orderNo, 'R2', 600)
    const third = await refund(orderNo, 'R3', 1)

    expect(first.data).toMatchObject({ transaction_status: 'REFUNDED', refund_amount: 400 })
    expect(second.data).toMatchObject({ transaction_status: 'REFUNDED', refund_amount: 600 })
    expect(third).toMatchObject({ code: 'REFUND_AMOUNT_EXCEEDED', data: null })
  })

  it('treats a repeated refund_no with the same amount as the same refund (no double refund)', async () => {
    const orderNo = await paidOrder(1000)

    const first = await refund(orderNo, 'R1', 700)
    const repeat = await refund(orderNo, 'R1', 700)
    const more = await refund(orderNo, 'R2', 400)

    expect(repeat.data).toEqual(first.data)
    expect(sim.state.findOrder(orderNo)?.refunds).toHaveLength(1)
    expect(more.code).toBe('REFUND_AMOUNT_EXCEEDED')
  })

  it('refuses a repeated refund_no with another amount', async () => {
    const orderNo = await paidOrder(1000)
    await refund(orderNo, 'R1', 100)

    expect((await refund(orderNo, 'R1', 200)).code).toBe('REFUND_NO_CONFLICT')
  })

  it('refuses to refund an unpaid order and an unknown one', async () => {
    const order = await createWechatOrder(sim)

    expect((await refund(order.order_no ?? '', 'R1', 1)).code).toBe('ORDER_NOT_PAID')
    expect((await refund('nope', 'R1', 1)).code).toBe('ORDER_NOT_EXIST')
  })

  it('RefundQuery answers the refund, and REFUND_NOT_EXIST for an unknown one', async () => {
    const orderNo = await paidOrder(1000)
    const made = await refund(orderNo, 'R9', 250)

    const found = await callAggregator<RefundResultInfo>(sim, 'QuickPay/RefundQuery', {
      store_no: STORE,
      order_no: orderNo,
      refund_order_no: 'R9',
    })
    const missing = await callAggregator<RefundResultInfo>(sim, 'QuickPay/RefundQuery', {
      store_no: STORE,
      order_no: orderNo,
      refund_order_no: 'R10',
    })

    expect(found.data).toEqual(made.data)
    expect(found.data).toMatchObject({
      transaction_status: 'REFUNDED',
      refund_order_no: 'R9',
      refund_amount: 250,
      total_amount: 1000,
    })
    expect(missing.code).toBe('REFUND_NOT_EXIST')
  })
})
