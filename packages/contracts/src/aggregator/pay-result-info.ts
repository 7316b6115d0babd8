import * as z from 'zod'

import { couponDetailInfoSchema } from './coupon-detail-info'
import { payTypeNameSchema } from './pay-type'
import { transactionStatusSchema } from './transaction-status'

/**
 * A payment's state (`PayResultInfo`), answered by JSAPIPay and Query. ASP.NET sends `null` for
 * absent values, so every field is nullish; unknown fields are kept for the timeline.
 */
export const payResultInfoSchema = z.looseObject({
  transaction_status: transactionStatusSchema,
  error: z.string().nullish(),
  store_no: z.string().nullish(),
  paytype: payTypeNameSchema.nullish(),
  operator: z.string().nullish(),
  bank_type: z.string().nullish(),
  total_amount: z.number().int().nullish(),
  cash_amount: z.number().int().nullish(),
  settlement_amount: z.number().int().nullish(),
  coupon_amount: z.number().int().nullish(),
  order_no: z.string().nullish(),
  transaction_no: z.string().nullish(),
  cloudpay_param: z.string().nullish(),
  transaction_time: z.string().nullish(),
  message: z.string().nullish(),
  buyer: z.string().nullish(),
  attach: z.string().nullish(),
  iteminfo: z.string().nullish(),
  coupon_detail_list: z.array(couponDetailInfoSchema).nullish(),
})

/** A payment's state as the aggregator reports it. */
export type PayResultInfo = z.infer<typeof payResultInfoSchema>
