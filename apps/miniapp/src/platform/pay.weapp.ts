import type { EnsurePayLanding, PlatformPay } from './platform-types'
import { payWithSandboxCashier } from './sandbox-pay'
import { payWithWx, type WxPayApi } from './wx-pay'

/**
 * WeChat mini-program payment (see wx-pay.ts); in sandbox mode the sandbox cashier, because a
 * simulated order cannot be paid in WeChat DevTools.
 */
export const pay: PlatformPay = (input) =>
  input.config.sandbox
    ? payWithSandboxCashier(input.cashier, input.orderNo)
    : payWithWx(wx as unknown as WxPayApi, input.payment)

/** Mini-programs have no landing-URL rule: the current page always pays. */
export const ensurePayLanding: EnsurePayLanding = () => true
