import { z } from 'zod'

import { walletOfPayType } from './pay-type'

/** The six WeChat payment parameters carried, as a JSON string, in `cloudpay_param`. */
export const wechatPayParamsSchema = z.object({
  appId: z.string().min(1, { error: 'must be a non-empty string' }),
  timeStamp: z.string().regex(/^\d{1,13}$/, { error: 'must be a string of digits (seconds)' }),
  nonceStr: z.string().regex(/^[0-9A-Za-z]{1,32}$/, { error: 'must be 1-32 letters or digits' }),
  package: z
    .string()
    .regex(/^prepay_id=[0-9A-Za-z_-]{1,128}$/, { error: 'must be "prepay_id=<id>"' }),
  signType: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,16}$/, { error: 'must be a sign type name such as MD5' }),
  paySign: z.string().regex(/^[0-9A-Za-z+/=_-]{1,512}$/, { error: 'must be a signature string' }),
})

/** The parameters `wx.requestPayment` and `getBrandWCPayRequest` take. */
export type WechatPayParams = z.infer<typeof wechatPayParamsSchema>

/** An Alipay trade number: digits and letters only, so nothing else can ride into `tradePay`. */
export const alipayTradeNoSchema = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,64}$/, { error: 'must be 1-64 letters, digits, "_" or "-"' })

/** What a `cloudpay_param` means for the wallet that will pay it. */
export type CloudpayParam =
  { wallet: 'wechat'; params: WechatPayParams } | { wallet: 'alipay'; tradeNO: string }

/** Thrown by `parseCloudpayParam` with a message naming what was wrong. */
export class CloudpayParamError extends Error {
  override readonly name = 'CloudpayParamError'
}

/**
 * Reads `cloudpay_param` for the wallet named by `paytype` (a request number or an answer name):
 * WeChat's JSON string of six parameters, or Alipay's trade number. Throws `CloudpayParamError`
 * for anything else, including an empty value (an order that is not a pre-order).
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
    const parsed = alipayTradeNoSchema.safeParse(value)
    if (!parsed.success) {
      throw new CloudpayParamError(
        `cloudpay_param: an Alipay trade number ${parsed.error.issues[0]?.message ?? ''}`,
      )
    }
    return { wallet, tradeNO: parsed.data }
  }
  let json: unknown
  try {
    json = JSON.parse(value)
  } catch {
    throw new CloudpayParamError('cloudpay_param: WeChat parameters must be a JSON object string')
  }
  const parsed = wechatPayParamsSchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(value)'} ${issue.message}`)
      .join('; ')
    throw new CloudpayParamError(`cloudpay_param: WeChat parameters invalid: ${detail}`)
  }
  return { wallet, params: parsed.data }
}
