import * as z from 'zod'

import { PayType } from '../engine-safe/pay-type'

/** Validates a request `paytype`; 10 (`WECHATPAY_NATIVE`, the seed's sample) is not a JSAPI value. */
export const payTypeSchema = z.union([z.literal(PayType.WECHAT), z.literal(PayType.ALIPAY)], {
  error: 'must be 11 (WeChat) or 21 (Alipay)',
})

/**
 * Answers name the pay type (`WECHATPAY_NATIVE` is the only documented name). Numbers and any
 * unknown name are kept as they came, so a new vendor value never breaks parsing.
 */
export const payTypeNameSchema = z.union([z.string(), z.number()])
