import type { Payment } from '@quickpay/contracts'

import type { BrowserWindow } from './browser-window'
import { normaliseOutcome } from './normalise-outcome'
import type { PayResult } from './platform-types'
import { rawText } from './raw-text'
import { wechatParamsOf } from './read-cloudpay-param'
import { waitForBridge } from './wait-for-bridge'

/**
 * Payment in a WeChat H5 page (official account): once WeixinJSBridge is ready,
 * `invoke('getBrandWCPayRequest', …)` with all six parameters including appId.
 */
export async function payWithWeixinBridge(
  win: BrowserWindow,
  payment: Payment,
): Promise<PayResult> {
  const params = wechatParamsOf(payment)
  const bridge = await waitForBridge(win, 'WeixinJSBridge')
  return new Promise((resolve) => {
    bridge.invoke(
      'getBrandWCPayRequest',
      {
        appId: params.appId,
        timeStamp: params.timeStamp,
        nonceStr: params.nonceStr,
        package: params.package,
        signType: params.signType,
        paySign: params.paySign,
      },
      (result) => {
        const raw = {
          wallet: 'wechat',
          errMsg: String(result?.err_msg ?? result?.errMsg ?? ''),
        } as const
        resolve({ outcome: normaliseOutcome(raw), raw: rawText(raw) })
      },
    )
  })
}
