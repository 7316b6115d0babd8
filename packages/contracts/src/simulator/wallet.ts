import * as z from 'zod'

import { channelSchema } from '../channel'

/** What the simulated shopper does in the wallet: pay, fail, cancel, or pay but be told "unknown". */
export const walletOutcomeSchema = z.enum(['success', 'fail', 'cancel', 'unknown'], {
  error: 'must be one of success, fail, cancel, unknown',
})

/** A simulated wallet outcome. */
export type WalletOutcome = z.infer<typeof walletOutcomeSchema>

/** `POST /__sim/wallet/pay`: the wallet pays `cloudpay_param` as `payer` (an openid or Alipay user id). */
export const walletPayRequestSchema = z.strictObject({
  cloudpay_param: z.string().min(1),
  payer: z.string().min(1),
  outcome: walletOutcomeSchema,
})

/** A wallet payment request. */
export type WalletPayRequest = z.infer<typeof walletPayRequestSchema>

/**
 * The wallet's answer, as the client API would report it: WeChat's `err_msg`
 * (`get_brand_wcpay_request:ok` …) or Alipay's `resultCode` (`9000` …).
 */
export const walletPayResponseSchema = z.object({
  wallet: z.enum(['wechat', 'alipay']),
  err_msg: z.string().optional(),
  resultCode: z.string().optional(),
})

/** A wallet answer. */
export type WalletPayResponse = z.infer<typeof walletPayResponseSchema>

/** `POST /__sim/login-codes`: mint a single-use login code; the same `user` maps to the same id per app. */
export const loginCodeRequestSchema = z.strictObject({
  channel: channelSchema,
  user: z.string().min(1).max(64).optional(),
  snapshot: z.boolean().optional(),
})

/** A login code request. */
export type LoginCodeRequest = z.infer<typeof loginCodeRequestSchema>

/** `POST /__sim/login-codes` answer: the code and the payer id it will resolve to. */
export const loginCodeResponseSchema = z.object({ code: z.string(), openid: z.string() })

/** A minted login code. */
export type LoginCodeResponse = z.infer<typeof loginCodeResponseSchema>
