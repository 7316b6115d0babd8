/**
 * Fakes of the in-app browsers' JavaScript bridges, injected before the store loads. They follow
 * the platforms' documented contracts: `WeixinJSBridge` appears and `WeixinJSBridgeReady` fires
 * after load; `invoke('getBrandWCPayRequest', params, cb)` answers `{ err_msg }`. Alipay's
 * `AlipayJSBridge.call('tradePay', { tradeNO }, cb)` answers `{ resultCode }` after
 * `AlipayJSBridgeReady`. The payment itself is forwarded to the simulator's wallet through a
 * function the test exposes, so the money really moves (in the simulator) before the callback.
 */
import type { Page } from 'playwright-core'

import type { WalletOutcome, WalletPayResponse } from '@quickpay/contracts'

import { adminOrders, walletPay } from './control'

/** What the fake bridges were asked, for assertions. */
export interface BridgeCalls {
  wechat: Record<string, string>[]
  alipay: { tradeNO: string }[]
}

/** Installs the bridge for `wallet` into every page of `page`'s context; `outcome()` picks the wallet's answer. */
export async function installWalletBridge(
  page: Page,
  wallet: 'wechat' | 'alipay',
  outcome: () => WalletOutcome,
): Promise<BridgeCalls> {
  const calls: BridgeCalls = { wechat: [], alipay: [] }
  await page.exposeFunction(
    '__e2eWalletPay',
    async (request: { wallet: string; payload: unknown }) => {
      // The bridge knows the shopper; the test finds the order being paid: the page's order_no,
      // else the newest pending order.
      const fromUrl = new URL(page.url()).searchParams.get('order_no')
      const pending =
        fromUrl !== null
          ? { order_no: fromUrl }
          : (await adminOrders()).find((order) => order.status === 'pending')
      if (pending === undefined) throw new Error('no pending order to pay')
      let answer: WalletPayResponse
      if (request.wallet === 'wechat') {
        const params = request.payload as Record<string, string>
        calls.wechat.push(params)
        answer = await walletPay(pending.order_no, JSON.stringify(params), outcome())
      } else {
        const { tradeNO } = request.payload as { tradeNO: string }
        calls.alipay.push({ tradeNO })
        answer = await walletPay(pending.order_no, tradeNO, outcome())
      }
      return answer
    },
  )
  await page.addInitScript((which: string) => {
    type Answer = { err_msg?: string; resultCode?: string }
    const pay = (window as unknown as { __e2eWalletPay: (r: unknown) => Promise<Answer> })
      .__e2eWalletPay
    const fire = (name: string) => setTimeout(() => document.dispatchEvent(new Event(name)), 30)
    if (which === 'wechat') {
      window.addEventListener('load', () => {
        ;(window as unknown as Record<string, unknown>).WeixinJSBridge = {
          invoke(name: string, params: unknown, callback: (result: Answer) => void) {
            if (name !== 'getBrandWCPayRequest')
              return callback({ err_msg: `${name}:fail unsupported` })
            void pay({ wallet: 'wechat', payload: params }).then(
              (answer) => callback({ err_msg: answer.err_msg ?? 'get_brand_wcpay_request:fail' }),
              () => callback({ err_msg: 'get_brand_wcpay_request:fail' }),
            )
          },
        }
        fire('WeixinJSBridgeReady')
      })
    } else {
      window.addEventListener('load', () => {
        ;(window as unknown as Record<string, unknown>).AlipayJSBridge = {
          call(name: string, params: unknown, callback: (result: Answer) => void) {
            if (name !== 'tradePay') return callback({ resultCode: '4' })
            void pay({ wallet: 'alipay', payload: params }).then(
              (answer) => callback({ resultCode: answer.resultCode ?? '4000' }),
              () => callback({ resultCode: '6002' }),
            )
          },
        }
        fire('AlipayJSBridgeReady')
      })
    }
  }, wallet)
  return calls
}
