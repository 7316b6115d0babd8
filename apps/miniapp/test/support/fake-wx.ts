import type { WxLoginApi } from '../../src/platform/wx-login'
import type { WxPayApi } from '../../src/platform/wx-pay'

type PaymentOptions = Parameters<WxPayApi['requestPayment']>[0]

/**
 * A fake `wx` following the documented callback contract: `requestPayment` calls `success` or
 * `fail` with `errMsg`, then `complete`; a very old client (`legacyCancel`) reports a cancel only
 * through `complete` as `requestPayment:cancel`.
 */
export function fakeWx(behaviour: {
  loginCode?: string
  loginFail?: string
  payErrMsg?: string
  legacyCancel?: boolean
}) {
  const payments: Record<string, unknown>[] = []
  const wx: WxLoginApi & WxPayApi = {
    login({ success, fail }) {
      if (behaviour.loginFail !== undefined) fail({ errMsg: behaviour.loginFail })
      else success({ code: behaviour.loginCode ?? '', errMsg: 'login:ok' })
    },
    requestPayment(options: PaymentOptions) {
      const { success, fail, complete, ...params } = options
      payments.push(params)
      if (behaviour.legacyCancel === true) {
        complete({ errMsg: 'requestPayment:cancel' })
        return
      }
      const errMsg = behaviour.payErrMsg ?? 'requestPayment:ok'
      if (errMsg === 'requestPayment:ok') success({ errMsg })
      else fail({ errMsg })
      complete({ errMsg })
    },
  }
  return { wx, payments }
}
