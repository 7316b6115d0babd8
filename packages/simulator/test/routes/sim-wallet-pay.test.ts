import { parseCloudpayParam } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SIMULATOR_DEFAULTS, startSimulator, type RunningSimulator } from '../../src'
import { PAYER, callAggregator, createWechatOrder, newOrderNo, walletPay } from '../support/orders'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())

const ALIPAY_PAYER = '2088000000000001'

async function createAlipayOrder(): Promise<{ order_no: string; cloudpay_param: string }> {
  const envelope = await callAggregator(sim, 'QuickPay/JSAPIPay', {
    store_no: SIMULATOR_DEFAULTS.storeNo,
    paytype: 21,
    appid: SIMULATOR_DEFAULTS.alipay.appid,
    openid: ALIPAY_PAYER,
    amount: 2500,
    order_no: newOrderNo(),
  })
  return {
    order_no: envelope.data?.order_no ?? '',
    cloudpay_param: envelope.data?.cloudpay_param ?? '',
  }
}

async function statusOf(orderNo: string): Promise<string | undefined> {
  const envelope = await callAggregator(sim, 'QuickPay/Query', {
    store_no: SIMULATOR_DEFAULTS.storeNo,
    order_no: orderNo,
  })
  return envelope.data?.transaction_status
}

describe('WeChat wallet', () => {
  it('refuses a tampered paySign with 400', async () => {
    const order = await createWechatOrder(sim)
    const params = JSON.parse(order.cloudpay_param ?? '') as Record<string, string>
    const tampered = JSON.stringify({ ...params, paySign: '0'.repeat(32) })

    const answer = await walletPay(sim, tampered, PAYER)

    expect(answer.status).toBe(400)
    expect(answer.body.error).toMatch(/paySign/)
    expect(await statusOf(order.order_no ?? '')).toBe('CREATE')
  })

  it('refuses a changed signed field (nonceStr) with 400', async () => {
    const order = await createWechatOrder(sim)
    const params = JSON.parse(order.cloudpay_param ?? '') as Record<string, string>

    const answer = await walletPay(sim, JSON.stringify({ ...params, nonceStr: 'other' }), PAYER)

    expect(answer.status).toBe(400)
  })

  it('refuses another payer with 403', async () => {
    const order = await createWechatOrder(sim)

    const answer = await walletPay(sim, order.cloudpay_param, 'oSomeoneElse00000000000000001')

    expect(answer.status).toBe(403)
    expect(await statusOf(order.order_no ?? '')).toBe('CREATE')
  })

  it('pays with the right parameters and payer: get_brand_wcpay_request:ok and SUCCESSED', async () => {
    const order = await createWechatOrder(sim)
    const parsed = parseCloudpayParam(order.paytype ?? '', order.cloudpay_param)
    expect(parsed.wallet).toBe('wechat')

    const answer = await walletPay(sim, order.cloudpay_param, PAYER, 'success')

    expect(answer).toEqual({
      status: 200,
      body: { wallet: 'wechat', err_msg: 'get_brand_wcpay_request:ok' },
    })
    expect(await statusOf(order.order_no ?? '')).toBe('SUCCESSED')
  })

  it('fail and cancel leave the order payable; a later success pays it', async () => {
    const order = await createWechatOrder(sim)

    const failed = await walletPay(sim, order.cloudpay_param, PAYER, 'fail')
    const cancelled = await walletPay(sim, order.cloudpay_param, PAYER, 'cancel')
    expect(await statusOf(order.order_no ?? '')).toBe('CREATE')
    const paid = await walletPay(sim, order.cloudpay_param, PAYER, 'success')

    expect(failed.body.err_msg).toBe('get_brand_wcpay_request:fail')
    expect(cancelled.body.err_msg).toBe('get_brand_wcpay_request:cancel')
    expect(paid.body.err_msg).toBe('get_brand_wcpay_request:ok')
    expect(await statusOf(order.order_no ?? '')).toBe('SUCCESSED')
  })

  it('unknown pays the order but tells the client fail', async () => {
    const order = await createWechatOrder(sim)

    const answer = await walletPay(sim, order.cloudpay_param, PAYER, 'unknown')

    expect(answer.body.err_msg).toBe('get_brand_wcpay_request:fail')
    expect(await statusOf(order.order_no ?? '')).toBe('SUCCESSED')
  })

  it('refuses to pay an order twice (409)', async () => {
    const order = await createWechatOrder(sim)
    await walletPay(sim, order.cloudpay_param, PAYER, 'success')

    const again = await walletPay(sim, order.cloudpay_param, PAYER, 'success')

    expect(again.status).toBe(409)
  })

  it('refuses an unknown prepay id (404) and an invalid body (400)', async () => {
    const order = await createWechatOrder(sim)
    sim.state.reset()

    expect((await walletPay(sim, order.cloudpay_param, PAYER)).status).toBe(404)
    expect((await walletPay(sim, '', PAYER)).status).toBe(400)
  })
})

describe('Alipay wallet', () => {
  it.each([
    ['success', '9000', 'SUCCESSED'],
    ['fail', '4000', 'CREATE'],
    ['cancel', '6001', 'CREATE'],
    ['unknown', '6004', 'SUCCESSED'],
  ] as const)('%s answers resultCode %s and leaves the order %s', async (outcome, code, status) => {
    const order = await createAlipayOrder()
    expect(order.cloudpay_param).toMatch(/^\d{22}$/)

    const answer = await walletPay(sim, order.cloudpay_param, ALIPAY_PAYER, outcome)

    expect(answer).toEqual({ status: 200, body: { wallet: 'alipay', resultCode: code } })
    expect(await statusOf(order.order_no)).toBe(status)
  })

  it('refuses another payer (403) and an unknown trade number (404)', async () => {
    const order = await createAlipayOrder()

    expect((await walletPay(sim, order.cloudpay_param, '2088999999999999')).status).toBe(403)
    expect((await walletPay(sim, '2026010122001400999999', ALIPAY_PAYER)).status).toBe(404)
  })

  it('gives every order its own trade number', async () => {
    const first = await createAlipayOrder()
    const second = await createAlipayOrder()

    expect(first.cloudpay_param).not.toBe(second.cloudpay_param)
  })
})
