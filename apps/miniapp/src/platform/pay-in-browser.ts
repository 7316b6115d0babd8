import { payWithAlipayBridge } from './alipay-bridge-pay'
import { browserWallet } from './browser-wallet'
import type { BrowserWindow } from './browser-window'
import type { PayInput, PayResult } from './platform-types'
import { payWithSandboxCashier } from './sandbox-pay'
import { payWithWeixinBridge } from './weixin-bridge-pay'

/**
 * H5 payment: the wallet's JS bridge inside WeChat or Alipay, the sandbox cashier in a plain
 * browser in sandbox mode, UNSUPPORTED_BROWSER otherwise. Never Taro.requestPayment: on H5 it is
 * a stub that resolves without paying (toolchain.md §3.5).
 */
export async function payInBrowser(
  win: BrowserWindow,
  input: PayInput,
  landingUrl = '',
): Promise<PayResult> {
  const where = browserWallet(win, input.config, landingUrl)
  if (where.sandbox) return payWithSandboxCashier(input.cashier, input.orderNo)
  return where.wallet === 'wechat'
    ? payWithWeixinBridge(win, input.payment)
    : payWithAlipayBridge(win, input.payment)
}
