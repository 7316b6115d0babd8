import type { MyLoginApi } from '../../src/platform/my-login'
import type { MyPayApi } from '../../src/platform/my-pay'

/**
 * A fake Alipay `my`: `getAuthCode` answers `authCode`; `tradePay` reports every resultCode,
 * cancel included, through `success` (as Alipay documents), or calls `fail` when told to.
 */
export function fakeMy(behaviour: {
  authCode?: string
  authFail?: boolean
  resultCode?: string
  payFail?: boolean
}) {
  const scopes: unknown[] = []
  const trades: string[] = []
  const my: MyLoginApi & MyPayApi = {
    getAuthCode(options) {
      scopes.push(options.scopes)
      if (behaviour.authFail === true) options.fail({ error: 11, errorMessage: '用户取消授权' })
      else options.success({ authCode: behaviour.authCode ?? '' })
    },
    tradePay({ tradeNO, success, fail }) {
      trades.push(tradeNO)
      if (behaviour.payFail === true) fail({})
      else success({ resultCode: behaviour.resultCode ?? '9000' })
    },
  }
  return { my, scopes, trades }
}
