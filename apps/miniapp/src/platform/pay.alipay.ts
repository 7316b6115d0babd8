import { payWithMy, type MyPayApi } from './my-pay'
import type { EnsurePayLanding, PlatformPay } from './platform-types'
import { payWithSandboxCashier } from './sandbox-pay'

declare const my: MyPayApi

/** Alipay mini-program payment (see my-pay.ts); the sandbox cashier in sandbox mode. */
export const pay: PlatformPay = (input) =>
  input.config.sandbox
    ? payWithSandboxCashier(input.cashier, input.orderNo)
    : payWithMy(my, input.payment)

/** Mini-programs have no landing-URL rule: the current page always pays. */
export const ensurePayLanding: EnsurePayLanding = () => true
