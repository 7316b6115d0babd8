import type { Payment } from '@quickpay/contracts'

import { normaliseOutcome } from './normalise-outcome'
import type { PayResult } from './platform-types'
import { rawText } from './raw-text'
import { alipayTradeNoOf } from './read-cloudpay-param'

type Callback = (result: { resultCode?: string | number }) => void

/** The part of the Alipay mini-program `my` object that payment uses. */
export interface MyPayApi {
  tradePay(options: { tradeNO: string; success: Callback; fail: Callback }): void
}

/**
 * Alipay mini-program payment: `my.tradePay({ tradeNO })`. A cancel (6001) arrives through
 * `success` like every other resultCode; a `fail` without one is `unknown`, never "failed".
 */
export async function payWithMy(my: MyPayApi, payment: Payment): Promise<PayResult> {
  const tradeNO = alipayTradeNoOf(payment)
  return new Promise((resolve) => {
    let settled = false
    const settle: Callback = (result) => {
      if (settled) return
      settled = true
      const raw = { wallet: 'alipay', resultCode: result?.resultCode ?? '' } as const
      resolve({ outcome: normaliseOutcome(raw), raw: rawText(raw) })
    }
    my.tradePay({ tradeNO, success: settle, fail: settle })
  })
}
