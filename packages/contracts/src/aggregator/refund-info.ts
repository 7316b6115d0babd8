import * as z from 'zod'

import { amountFen } from '../money'
import { textOfLength } from '../text-length'
import { itemInfoSchema } from './item-info'

/** The `QuickPay/Refund` request; `refund_no` is reused to retry the same refund. */
export const refundInfoSchema = z
  .object({
    store_no: textOfLength(1, 32),
    operator: textOfLength(1, 16),
    amount: amountFen.optional(),
    refund_amount: amountFen,
    order_no: textOfLength(1, 32),
    refund_no: textOfLength(1, 32),
    refund_desc: textOfLength(0, 80).optional(),
    itemlist: z.array(itemInfoSchema).optional(),
  })
  .superRefine((info, ctx) => {
    if (info.amount !== undefined && info.refund_amount > info.amount) {
      ctx.addIssue({
        code: 'custom',
        path: ['refund_amount'],
        message: 'must not exceed the order amount',
      })
    }
  })

/** The `QuickPay/Refund` request. */
export type RefundInfo = z.infer<typeof refundInfoSchema>
