import * as z from 'zod'

import { payTypeNameSchema } from './pay-type'
import { transactionStatusSchema } from './transaction-status'

/** A refund's state (`RefundResultInfo`), answered by Refund and RefundQuery. */
export const refundResultInfoSchema = z.looseObject({
  transaction_status: transactionStatusSchema,
  error: z.string().nullish(),
  store_no: z.string().nullish(),
  paytype: payTypeNameSchema.nullish(),
  total_amount: z.number().int().nullish(),
  refund_amount: z.number().int().nullish(),
  settlement_amount: z.number().int().nullish(),
  cash_amount: z.number().int().nullish(),
  coupon_amount: z.number().int().nullish(),
  order_no: z.string().nullish(),
  refund_order_no: z.string().nullish(),
  operator: z.string().nullish(),
  transaction_no: z.string().nullish(),
  refund_transaction_no: z.string().nullish(),
  refund_desc: z.string().nullish(),
  refund_transaction_time: z.string().nullish(),
  transaction_message: z.string().nullish(),
})

/** A refund's state as the aggregator reports it. */
export type RefundResultInfo = z.infer<typeof refundResultInfoSchema>
