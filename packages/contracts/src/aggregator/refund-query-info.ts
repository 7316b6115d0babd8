import * as z from 'zod'

import { textOfLength } from '../text-length'

/** The `QuickPay/RefundQuery` request (field names as on the vendor's twin route). */
export const refundQueryInfoSchema = z.object({
  store_no: textOfLength(1, 32),
  order_no: textOfLength(1, 32),
  refund_order_no: textOfLength(1, 32),
})

/** The `QuickPay/RefundQuery` request. */
export type RefundQueryInfo = z.infer<typeof refundQueryInfoSchema>
