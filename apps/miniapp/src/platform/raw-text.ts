import type { RawPaymentResult } from './normalise-outcome'

/** The platform's own words for a result, trimmed to the 200 characters a claim may carry. */
export function rawText(result: RawPaymentResult): string {
  const text =
    result.wallet === 'wechat' ? result.errMsg : `resultCode=${String(result.resultCode)}`
  return text.slice(0, 200)
}
