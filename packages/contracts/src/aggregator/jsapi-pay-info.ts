import * as z from 'zod'

import { ALIPAY_USER_ID_PATTERN } from '../alipay-user-id'
import { amountFen } from '../money'
import { textOfLength } from '../text-length'
import { itemInfoSchema } from './item-info'
import { PayType } from '../engine-safe/pay-type'
import { payTypeSchema } from './pay-type'

/** Options for the JSAPIPay request rules that the vendor leaves open. */
export interface JsapiPayInfoOptions {
  /**
   * The seed documents only the 2088 + 12-digit Alipay user id as `openid` for paytype 21. Apps in
   * Alipay's "open_id mode" have no such id; set this to pass their open_id through unchecked.
   */
  allowAlipayOpenId?: boolean
}

/** Builds the `JSAPIPayInfo` schema: every rule of the seed, each failure naming its rule. */
export function createJsapiPayInfoSchema(options: JsapiPayInfoOptions = {}) {
  return z
    .object({
      store_no: textOfLength(1, 32),
      paytype: payTypeSchema.optional(),
      operator: textOfLength(1, 16).optional(),
      appid: z.string({ error: 'is required (a string)' }),
      openid: textOfLength(1, 128),
      amount: amountFen,
      order_no: textOfLength(1, 32),
      iteminfo: z.string({ error: 'must be a string' }).optional(),
      notify_url: z
        .union([
          z.literal(''),
          z.url({ protocol: /^https?$/, error: 'must be an http(s) URL or empty' }),
        ])
        .optional(),
      goods_tag: z.string({ error: 'must be a string' }).optional(),
      share_pay: z.boolean({ error: 'must be a boolean' }).optional(),
      attach: textOfLength(0, 127).optional(),
      itemlist: z.array(itemInfoSchema, { error: 'must be a list of ItemInfo' }).optional(),
    })
    .superRefine((info, ctx) => {
      const paytype = info.paytype ?? PayType.WECHAT
      if (paytype === PayType.WECHAT && info.appid.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['appid'],
          message: 'is required for WeChat (paytype 11)',
        })
      }
      if (
        paytype === PayType.ALIPAY &&
        !options.allowAlipayOpenId &&
        !ALIPAY_USER_ID_PATTERN.test(info.openid)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['openid'],
          message: 'must be an Alipay user id (2088 followed by 12 digits) for Alipay (paytype 21)',
        })
      }
    })
}

/** The `JSAPIPayInfo` schema with the seed's rules as documented (Alipay ids in 2088 form). */
export const jsapiPayInfoSchema = createJsapiPayInfoSchema()

let openIdSchema: typeof jsapiPayInfoSchema | undefined

/**
 * The `JSAPIPayInfo` schema for `options`, each variant built once (the open_id one when first
 * asked for). Building a zod schema compiles its parser, so a caller that validates many requests
 * takes its schema from here rather than from `createJsapiPayInfoSchema` per request (the
 * simulator did, at about half its CPU per call: docs/performance.md, part 17).
 */
export function jsapiPayInfoSchemaFor(
  options: JsapiPayInfoOptions = {},
): typeof jsapiPayInfoSchema {
  if (options.allowAlipayOpenId !== true) return jsapiPayInfoSchema
  openIdSchema ??= createJsapiPayInfoSchema({ allowAlipayOpenId: true })
  return openIdSchema
}

/** The JSAPIPay request body. */
export type JsapiPayInfo = z.infer<typeof jsapiPayInfoSchema>
