import { randomUUID } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import type { MiniProgram } from '../../support/miniprogram/mini-program'
import { miniProgramSuite } from '../../support/miniprogram/mini-program-suite'
import { startPaymentSystem } from '../../support/miniprogram/payment-system'
import type { FunctionVariant, Platform } from '../../support/miniprogram/platform'
import {
  adminOrder,
  fillCartAndCheckout,
  jsapiPayCalls,
  paidBy,
  simulatorOrder,
  statusLine,
  submitOrder,
  waitForStatus,
} from '../../support/miniprogram/shopper-steps'

// The built bundles in the imitation engines against a real BFF (SANDBOX=false, so the store
// calls wx.requestPayment / my.tradePay) and the simulator's wallet.
const suite = miniProgramSuite(() => startPaymentSystem())

function launch(platform: Platform, variant: FunctionVariant = 'throws'): Promise<MiniProgram> {
  return suite.launch(platform, `mini-${platform}-${randomUUID().slice(0, 8)}`, variant)
}

function paymentCalls(mp: MiniProgram, platform: Platform) {
  return mp.shell.calls.filter(
    (call) => call.api === (platform === 'weapp' ? 'requestPayment' : 'tradePay'),
  )
}

function seenBefore(mp: MiniProgram, first: string, then: string): boolean {
  const texts = mp.seenTexts()
  const a = texts.findIndex((text) => text.startsWith(first))
  const b = texts.findIndex((text) => text.startsWith(then))
  return a !== -1 && b !== -1 && a < b
}

const variants: [Platform, FunctionVariant][] = [
  ['weapp', 'throws'],
  ['weapp', 'returns-undefined'],
  ['alipay', 'throws'],
]

describe.each(variants)('the %s mini-program (new Function %s)', (platform, variant) => {
  it('buys a product: 加入购物车 → 购物车 → 去结算 → 提交订单并支付 → 支付成功, paid as the BFF confirms', async () => {
    const mp = await launch(platform, variant)
    await fillCartAndCheckout(mp)
    const before = await jsapiPayCalls(suite.system)
    const orderNo = await submitOrder(mp)
    await waitForStatus(mp, '支付成功')
    expect(seenBefore(mp, '确认中…', '支付成功')).toBe(true)

    const { order, timeline } = await adminOrder(suite.system, orderNo)
    expect(order.status).toBe('paid')
    expect(mp.find('#order-amount')[0]?.text).toBe(`¥${(order.amount / 100).toFixed(2)}`)
    expect(paidBy(timeline)).toBe('notification')
    expect(await jsapiPayCalls(suite.system)).toBe(before + 1)
    const [payment, ...more] = paymentCalls(mp, platform)
    expect(more).toEqual([])
    if (platform === 'weapp') {
      // Five parameters, never appId (the mini-program's own appid is implied).
      expect(Object.keys(payment!.options).sort()).toEqual([
        'nonceStr',
        'package',
        'paySign',
        'signType',
        'timeStamp',
      ])
    } else {
      expect(payment!.options.tradeNO).toMatch(/^\d+$/)
    }
    expect(
      (await simulatorOrder(suite.system, orderNo)).wallet_attempts.map((a) => a.outcome),
    ).toEqual(['success'])
    mp.assertHealthy()
  })
})

describe.each(['weapp', 'alipay'] as const)('the %s mini-program', (platform) => {
  it(`cancel (${platform === 'weapp' ? 'requestPayment:fail cancel' : '6001'}) → 支付已取消 → 重新支付 → paid on the same order`, async () => {
    const mp = await launch(platform)
    mp.planPayments({ outcome: 'cancel' }, { outcome: 'success' })
    await fillCartAndCheckout(mp)
    const orderNo = await submitOrder(mp)
    await waitForStatus(mp, '支付已取消')
    expect((await adminOrder(suite.system, orderNo)).order.status).toBe('pending')

    await mp.tap('重新支付')
    await waitForStatus(mp, '支付成功')
    expect(mp.currentPage.query.order_no).toBe(orderNo)
    expect((await adminOrder(suite.system, orderNo)).order.status).toBe('paid')
    expect(
      (await simulatorOrder(suite.system, orderNo)).wallet_attempts.map((a) => a.outcome),
    ).toEqual(['cancel', 'success'])
    expect(paymentCalls(mp, platform)).toHaveLength(2)
    mp.assertHealthy()
  })

  it('an expired session (the BFF answers 401) costs one new login and no cart line', async () => {
    const mp = await launch(platform)
    await fillCartAndCheckout(mp)
    expect(mp.loginCount).toBe(1)
    // The BFF no longer knows the stored token: as after expiry, it answers 401.
    const stored = JSON.parse(JSON.parse(mp.shell.storage.get('qp.session')!) as string) as {
      token: string
    }
    mp.shell.storage.set(
      'qp.session',
      JSON.stringify(JSON.stringify({ ...stored, token: `${stored.token}x` })),
    )
    const estimate = mp.find('#checkout-estimate')[0]?.text

    const orderNo = await submitOrder(mp)
    await waitForStatus(mp, '支付成功')
    expect(mp.loginCount).toBe(2)
    const { order } = await adminOrder(suite.system, orderNo)
    expect(`¥${(order.amount / 100).toFixed(2)}`).toBe(estimate)
    expect(order.status).toBe('paid')
    mp.assertHealthy()
  })

  it('the BFF down at checkout: a clear message, then one order paid once when it is back', async () => {
    const mp = await launch(platform)
    await fillCartAndCheckout(mp)
    const before = await jsapiPayCalls(suite.system)
    mp.setBffReachable(false)
    await mp.tap('提交订单并支付')
    // The store retries with the same key (1 s, 2 s, 4 s) before it gives up and says so.
    await mp.waitFor('网络异常，请检查网络后重试', 30_000)
    await mp.waitUntil('提交订单并支付 enabled again', () => mp.isEnabled('提交订单并支付'), 30_000)
    expect(mp.route).toBe('pages/checkout/index')
    expect(
      mp.shell.calls.filter(
        (call) =>
          call.api === 'request' &&
          call.options.method === 'POST' &&
          String(call.options.url).endsWith('/api/orders'),
      ),
    ).toHaveLength(4)
    expect(await jsapiPayCalls(suite.system)).toBe(before)

    mp.setBffReachable(true)
    const orderNo = await submitOrder(mp)
    await waitForStatus(mp, '支付成功')
    expect(await jsapiPayCalls(suite.system)).toBe(before + 1)
    expect(paymentCalls(mp, platform)).toHaveLength(1)
    expect((await simulatorOrder(suite.system, orderNo)).wallet_attempts).toHaveLength(1)
    mp.assertHealthy()
  })

  it('the BFF down while confirming: the page keeps the order and shows paid once it is back, paid once', async () => {
    const mp = await launch(platform)
    // The network drops while the wallet is open (the money has moved, the page not yet told):
    // the claim and the first polls fail.
    mp.planPayments({ outcome: 'success', beforeAnswer: () => mp.setBffReachable(false) })
    await fillCartAndCheckout(mp)
    const orderNo = await submitOrder(mp)
    await mp.waitUntil('the wallet opened', () => paymentCalls(mp, platform).length === 1)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(statusLine(mp)).not.toBe('支付成功')
    expect((await adminOrder(suite.system, orderNo)).order.status).toBe('paid')
    mp.setBffReachable(true)
    await waitForStatus(mp, '支付成功', 30_000)
    expect(paymentCalls(mp, platform)).toHaveLength(1)
    expect((await simulatorOrder(suite.system, orderNo)).wallet_attempts).toHaveLength(1)
    mp.assertHealthy()
  })
})

describe('the alipay mini-program, inconclusive results', () => {
  it.each([
    ['6004', { outcome: 'unknown' as const }],
    ['8000', { outcome: 'success' as const, resultCode: '8000' }],
  ])('resultCode %s → 确认中… → paid by the notification', async (_code, plan) => {
    const mp = await launch('alipay')
    mp.planPayments(plan)
    await fillCartAndCheckout(mp)
    const orderNo = await submitOrder(mp)
    await waitForStatus(mp, '支付成功')
    expect(seenBefore(mp, '确认中…', '支付成功')).toBe(true)
    const { order, timeline } = await adminOrder(suite.system, orderNo)
    expect(order.status).toBe('paid')
    expect(paidBy(timeline)).toBe('notification')
    mp.assertHealthy()
  })
})
