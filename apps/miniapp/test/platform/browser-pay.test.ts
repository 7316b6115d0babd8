import type { WalletPayResponse } from '@quickpay/contracts'
import { describe, expect, it } from 'vitest'

import { payInBrowser } from '../../src/platform/pay-in-browser'
import { ensureLandedOnPayPage } from '../../src/platform/pay-page-landing'
import { waitForBridge } from '../../src/platform/wait-for-bridge'
import type { PayInput, PayResult } from '../../src/platform/platform-types'
import {
  fakeAlipayBridge,
  fakeBrowser,
  fakeWeixinBridge,
  USER_AGENTS,
} from '../support/fake-browser'
import { alipayPayment, storeConfig, wechatPayment, WECHAT_PARAMS } from '../support/payments'

const PAY_PAGE = 'https://shop.example.com/pages/pay/index?order_no=Q1&autopay=1'

function input(
  payment: PayInput['payment'],
  sandbox = false,
  answer?: WalletPayResponse,
): PayInput & { cashierCalls: string[] } {
  const cashierCalls: string[] = []
  return {
    orderNo: 'Q1',
    payment,
    config: storeConfig(sandbox),
    cashierCalls,
    cashier: (orderNo) => {
      cashierCalls.push(orderNo)
      return answer === undefined
        ? Promise.reject(new Error('no cashier here'))
        : Promise.resolve(answer)
    },
  }
}

async function settledWithin(promise: Promise<PayResult>): Promise<'pending' | PayResult> {
  return Promise.race([
    promise,
    new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20)),
  ])
}

describe('H5 payment inside WeChat', () => {
  it.each([
    ['get_brand_wcpay_request:ok', 'claimed_paid'],
    ['get_brand_wcpay_request:cancel', 'cancelled'],
    ['get_brand_wcpay_request:fail', 'failed'],
  ] as const)(
    'invokes getBrandWCPayRequest with appId once the bridge is ready: %s → %s',
    async (errMsg, outcome) => {
      const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.wechat)
      const { bridge, calls } = fakeWeixinBridge(errMsg)
      const paying = payInBrowser(browser.win, input(wechatPayment))
      // Not ready yet: nothing invoked, the promise still waits for the event.
      await expect(settledWithin(paying)).resolves.toBe('pending')
      expect(browser.listenerCount('WeixinJSBridgeReady')).toBe(1)
      browser.win.WeixinJSBridge = bridge
      browser.dispatch('WeixinJSBridgeReady')
      await expect(paying).resolves.toEqual({ outcome, raw: errMsg })
      expect(calls).toEqual([{ name: 'getBrandWCPayRequest', params: WECHAT_PARAMS }])
      expect(calls[0]?.params.appId).toBe('wx0000000000000002')
      expect(browser.listenerCount('WeixinJSBridgeReady')).toBe(0)
    },
  )

  it('uses a bridge that is already present without waiting', async () => {
    const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.wechat)
    browser.win.WeixinJSBridge = fakeWeixinBridge('get_brand_wcpay_request:ok').bridge
    await expect(payInBrowser(browser.win, input(wechatPayment))).resolves.toMatchObject({
      outcome: 'claimed_paid',
    })
  })
})

describe('H5 payment inside Alipay', () => {
  it.each([
    ['9000', 'claimed_paid'],
    ['8000', 'unknown'],
    ['4000', 'failed'],
    ['6001', 'cancelled'],
    ['6002', 'unknown'],
    ['6004', 'unknown'],
    ['99', 'cancelled'],
    ['4', 'failed'],
  ] as const)('calls tradePay after AlipayJSBridgeReady: %s → %s', async (resultCode, outcome) => {
    const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.alipay)
    const { bridge, calls } = fakeAlipayBridge(resultCode)
    const paying = payInBrowser(browser.win, input(alipayPayment))
    await expect(settledWithin(paying)).resolves.toBe('pending')
    browser.win.AlipayJSBridge = bridge
    browser.dispatch('AlipayJSBridgeReady')
    await expect(paying).resolves.toEqual({ outcome, raw: `resultCode=${resultCode}` })
    expect(calls).toEqual([{ name: 'tradePay', params: { tradeNO: '2026112522001400000001' } }])
  })
})

describe('H5 payment in a plain browser', () => {
  it('refuses without sandbox mode and never opens a cashier', async () => {
    const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.browser)
    const payInput = input(wechatPayment)
    await expect(payInBrowser(browser.win, payInput)).rejects.toMatchObject({
      message: '请在微信或支付宝中打开',
    })
    expect(payInput.cashierCalls).toEqual([])
  })

  it.each([
    [{ wallet: 'wechat', err_msg: 'get_brand_wcpay_request:ok' }, 'claimed_paid'],
    [{ wallet: 'wechat', err_msg: 'get_brand_wcpay_request:cancel' }, 'cancelled'],
    [{ wallet: 'wechat', err_msg: 'get_brand_wcpay_request:fail' }, 'failed'],
    [{ wallet: 'alipay', resultCode: '6004' }, 'unknown'],
    [{ wallet: 'alipay', resultCode: '9000' }, 'claimed_paid'],
  ] as const)(
    'runs the sandbox cashier answer %j through the same normaliser → %s',
    async (answer, outcome) => {
      const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.browser)
      const payInput = input(wechatPayment, true, answer)
      await expect(payInBrowser(browser.win, payInput)).resolves.toMatchObject({ outcome })
      expect(payInput.cashierCalls).toEqual(['Q1'])
    },
  )
})

describe('the H5 payment-directory landing rule', () => {
  it('lets the page pay when the document landed on the pay page', () => {
    const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.wechat)
    expect(
      ensureLandedOnPayPage(browser.win, PAY_PAGE, '/pages/pay/index?order_no=Q1&autopay=1'),
    ).toBe(true)
    expect(browser.replaced).toEqual([])
  })

  it('reloads into the pay page when the document landed elsewhere (SPA navigation)', () => {
    const browser = fakeBrowser('https://shop.example.com/pages/checkout/index', USER_AGENTS.wechat)
    const landed = 'https://shop.example.com/pages/store/index'
    expect(
      ensureLandedOnPayPage(browser.win, landed, '/pages/pay/index?order_no=Q1&autopay=1'),
    ).toBe(false)
    expect(browser.replaced).toEqual([PAY_PAGE])
  })
})

describe('waiting for a wallet bridge', () => {
  it('gives up with BRIDGE_TIMEOUT when the ready event never comes', async () => {
    const browser = fakeBrowser(PAY_PAGE, USER_AGENTS.wechat)
    await expect(waitForBridge(browser.win, 'WeixinJSBridge', 10)).rejects.toMatchObject({
      code: 'BRIDGE_TIMEOUT',
    })
    expect(browser.listenerCount('WeixinJSBridgeReady')).toBe(0)
  })
})
