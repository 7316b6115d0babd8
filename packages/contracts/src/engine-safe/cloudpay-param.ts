import { walletOfPayType } from './pay-type'

/** The six parameters `wx.requestPayment` and `getBrandWCPayRequest` take, carried as JSON in `cloudpay_param`. */
export interface WechatPayParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

/** One field rule: the pattern its text must match and what to say when it does not. */
interface FieldRule {
  pattern: RegExp
  message: string
}

/**
 * The rule of each WeChat payment parameter, stated once: `parseCloudpayParam` reads with it and
 * the zod schema `wechatPayParamsSchema` is built from it. Only letters, digits and a few
 * punctuation marks pass, so nothing else can ride into the wallet call.
 */
export const WECHAT_PAY_PARAM_RULES: Readonly<Record<keyof WechatPayParams, FieldRule>> = {
  appId: { pattern: /^[\s\S]+$/, message: 'must be a non-empty string' },
  timeStamp: { pattern: /^\d{1,13}$/, message: 'must be a string of digits (seconds)' },
  nonceStr: { pattern: /^[0-9A-Za-z]{1,32}$/, message: 'must be 1-32 letters or digits' },
  package: { pattern: /^prepay_id=[0-9A-Za-z_-]{1,128}$/, message: 'must be "prepay_id=<id>"' },
  signType: {
    pattern: /^[A-Za-z0-9-]{1,16}$/,
    message: 'must be a sign type name such as MD5',
  },
  paySign: { pattern: /^[0-9A-Za-z+/=_-]{1,512}$/, message: 'must be a signature string' },
}

/** The rule of an Alipay trade number: digits and letters only, so nothing else can ride into `tradePay`. */
export const ALIPAY_TRADE_NO_RULE: FieldRule = {
  pattern: /^[0-9A-Za-z_-]{1,64}$/,
  message: 'must be 1-64 letters, digits, "_" or "-"',
}

/** What a `cloudpay_param` means for the wallet that will pay it. */
export type CloudpayParam =
  { wallet: 'wechat'; params: WechatPayParams } | { wallet: 'alipay'; tradeNO: string }

/** Thrown by `parseCloudpayParam` with a message naming what was wrong. */
export class CloudpayParamError extends Error {
  override readonly name = 'CloudpayParamError'
}

/**
 * A WeChat `timeStamp` as the wallet wants it: a string of digits. Some gateways send the
 * seconds as a JSON number; an integer is converted rather than refused, since the signature
 * covers its decimal text either way.
 */
export function timeStampText(value: unknown): unknown {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? String(value)
    : value
}

/**
 * Reads `cloudpay_param` for the wallet named by `paytype` (a request number or an answer name):
 * WeChat's JSON string of six parameters, or Alipay's trade number. Throws `CloudpayParamError`
 * for anything else, including an empty value (an order that is not a pre-order). Written without
 * a validation library so that it runs in the mini-program engines.
 */
export function parseCloudpayParam(paytype: string | number, value: unknown): CloudpayParam {
  const wallet = walletOfPayType(paytype)
  if (wallet === undefined) {
    throw new CloudpayParamError(
      `cloudpay_param: paytype ${String(paytype)} is neither WeChat nor Alipay`,
    )
  }
  if (typeof value !== 'string' || value.length === 0) {
    throw new CloudpayParamError(
      'cloudpay_param: must be a non-empty string (the order is not a pre-order)',
    )
  }
  if (wallet === 'alipay') {
    if (!ALIPAY_TRADE_NO_RULE.pattern.test(value)) {
      throw new CloudpayParamError(
        `cloudpay_param: an Alipay trade number ${ALIPAY_TRADE_NO_RULE.message}`,
      )
    }
    return { wallet, tradeNO: value }
  }
  let json: unknown
  try {
    json = JSON.parse(value)
  } catch {
    throw new CloudpayParamError('cloudpay_param: WeChat parameters must be a JSON object string')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CloudpayParamError('cloudpay_param: WeChat parameters must be a JSON object string')
  }
  const source = json as Record<string, unknown>
  const params: Partial<WechatPayParams> = {}
  const problems: string[] = []
  for (const field of Object.keys(WECHAT_PAY_PARAM_RULES) as (keyof WechatPayParams)[]) {
    const rule = WECHAT_PAY_PARAM_RULES[field]
    const text = field === 'timeStamp' ? timeStampText(source[field]) : source[field]
    if (typeof text === 'string' && rule.pattern.test(text)) params[field] = text
    else problems.push(`${field} ${rule.message}`)
  }
  if (problems.length > 0) {
    throw new CloudpayParamError(
      `cloudpay_param: WeChat parameters invalid: ${problems.join('; ')}`,
    )
  }
  return { wallet, params: params as WechatPayParams }
}
