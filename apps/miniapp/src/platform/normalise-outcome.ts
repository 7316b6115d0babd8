import type { PaymentOutcome } from '@quickpay/contracts'

/** A platform's raw payment result: WeChat's errMsg / err_msg, or Alipay's resultCode. */
export type RawPaymentResult =
  { wallet: 'wechat'; errMsg: string } | { wallet: 'alipay'; resultCode: string | number }

/** Alipay resultCode → outcome (channels.md): 8000, 6002 and 6004 may still end up paid. */
const ALIPAY_OUTCOMES: Readonly<Record<string, PaymentOutcome>> = {
  '9000': 'claimed_paid',
  '8000': 'unknown',
  '4000': 'failed',
  '6001': 'cancelled',
  '6002': 'unknown',
  '6004': 'unknown',
  // iOS only: the shopper left through "forgot password".
  '99': 'cancelled',
  // No permission to pay.
  '4': 'failed',
}

/**
 * Maps every documented client payment result to an outcome. Every outcome is a hint for the
 * claim; anything unrecognised is `unknown` so the store keeps asking the BFF instead of guessing.
 */
export function normaliseOutcome(result: RawPaymentResult): PaymentOutcome {
  if (result.wallet === 'alipay')
    return ALIPAY_OUTCOMES[String(result.resultCode).trim()] ?? 'unknown'
  const message = result.errMsg.trim()
  switch (message) {
    case 'requestPayment:ok':
    case 'get_brand_wcpay_request:ok':
      return 'claimed_paid'
    case 'requestPayment:fail cancel':
    case 'requestPayment:cancel':
    case 'get_brand_wcpay_request:cancel':
      return 'cancelled'
  }
  if (
    message.startsWith('requestPayment:fail') ||
    message.startsWith('get_brand_wcpay_request:fail')
  ) {
    return 'failed'
  }
  return 'unknown'
}
