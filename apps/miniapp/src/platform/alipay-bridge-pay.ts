import type { Payment } from '@quickpay/contracts'

import type { BrowserWindow } from './browser-window'
import { normaliseOutcome } from './normalise-outcome'
import type { PayResult } from './platform-types'
import { rawText } from './raw-text'
import { alipayTradeNoOf } from './read-cloudpay-param'
import { waitForBridge } from './wait-for-bridge'

/** Payment in an Alipay H5 page (service window): once AlipayJSBridge is ready, `call('tradePay', { tradeNO })`. */
export async function payWithAlipayBridge(
  win: BrowserWindow,
  payment: Payment,
): Promise<PayResult> {
  const tradeNO = alipayTradeNoOf(payment)
  const bridge = await waitForBridge(win, 'AlipayJSBridge')
  return new Promise((resolve) => {
    bridge.call('tradePay', { tradeNO }, (result) => {
      const raw = { wallet: 'alipay', resultCode: result?.resultCode ?? '' } as const
      resolve({ outcome: normaliseOutcome(raw), raw: rawText(raw) })
    })
  })
}
