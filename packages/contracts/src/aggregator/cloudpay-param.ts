import * as z from 'zod'

import {
  ALIPAY_TRADE_NO_RULE,
  WECHAT_PAY_PARAM_RULES,
  timeStampText,
} from '../engine-safe/cloudpay-param'

function ruled(field: keyof typeof WECHAT_PAY_PARAM_RULES) {
  const rule = WECHAT_PAY_PARAM_RULES[field]
  return z.string({ error: rule.message }).regex(rule.pattern, { error: rule.message })
}

/**
 * The six WeChat payment parameters carried, as a JSON string, in `cloudpay_param`; the same
 * rules `parseCloudpayParam` applies (an integer `timeStamp` is converted to its digits).
 */
export const wechatPayParamsSchema = z.object({
  appId: ruled('appId'),
  timeStamp: z.preprocess(timeStampText, ruled('timeStamp')),
  nonceStr: ruled('nonceStr'),
  package: ruled('package'),
  signType: ruled('signType'),
  paySign: ruled('paySign'),
})

/** An Alipay trade number, by the rule `parseCloudpayParam` applies. */
export const alipayTradeNoSchema = z
  .string()
  .regex(ALIPAY_TRADE_NO_RULE.pattern, { error: ALIPAY_TRADE_NO_RULE.message })
