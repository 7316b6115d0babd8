import type { Payment } from '@quickpay/contracts'

import { normaliseOutcome } from './normalise-outcome'
import type { PayResult } from './platform-types'
import { rawText } from './raw-text'
import { wechatParamsOf } from './read-cloudpay-param'

type Callback = (result: { errMsg: string }) => void

/** The part of the WeChat mini-program `wx` object that payment uses. */
export interface WxPayApi {
  requestPayment(options: {
    timeStamp: string
    nonceStr: string
    package: string
    signType: string
    paySign: string
    success: Callback
    fail: Callback
    complete: Callback
  }): void
}

/**
 * WeChat mini-program payment: `wx.requestPayment` with the five parameters from
 * `cloudpay_param` (never appId: the mini-program's own appid is implied). Settles on the first
 * callback, `complete` included, because very old clients report a cancel only there.
 */
export async function payWithWx(wx: WxPayApi, payment: Payment): Promise<PayResult> {
  const params = wechatParamsOf(payment)
  return new Promise((resolve) => {
    let settled = false
    const settle: Callback = (result) => {
      if (settled) return
      settled = true
      const raw = { wallet: 'wechat', errMsg: String(result?.errMsg ?? '') } as const
      resolve({ outcome: normaliseOutcome(raw), raw: rawText(raw) })
    }
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: settle,
      fail: settle,
      complete: settle,
    })
  })
}
