import * as z from 'zod'

/** One coupon applied to a payment (`CouponDetailInfo`); amounts in fen. */
export const couponDetailInfoSchema = z.looseObject({
  coupon_id: z.string().nullish(),
  coupon_template: z.string().nullish(),
  coupon_name: z.string().nullish(),
  coupon_type: z.string().nullish(),
  memo: z.string().nullish(),
  amount: z.number().int().nullish(),
  amount_merchant: z.number().int().nullish(),
  amount_office: z.number().int().nullish(),
  amount_other: z.number().int().nullish(),
  amount_pay: z.number().int().nullish(),
})

/** One coupon applied to a payment. */
export type CouponDetailInfo = z.infer<typeof couponDetailInfoSchema>
