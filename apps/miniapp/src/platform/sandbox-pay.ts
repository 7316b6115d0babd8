import type { WalletPayResponse } from '@quickpay/contracts'

import { normaliseOutcome, type RawPaymentResult } from './normalise-outcome'
import type { PayResult, SandboxCashier } from './platform-types'
import { rawText } from './raw-text'

/**
 * Payment through the sandbox cashier: the shopper picks an outcome, the BFF has the simulated
 * wallet pay, and the wallet's answer goes through the same normaliser as a real one.
 */
export async function payWithSandboxCashier(
  cashier: SandboxCashier,
  orderNo: string,
): Promise<PayResult> {
  const raw = rawResultOf(await cashier(orderNo))
  return { outcome: normaliseOutcome(raw), raw: rawText(raw) }
}

function rawResultOf(answer: WalletPayResponse): RawPaymentResult {
  return answer.wallet === 'wechat'
    ? { wallet: 'wechat', errMsg: answer.err_msg ?? '' }
    : { wallet: 'alipay', resultCode: answer.resultCode ?? '' }
}
