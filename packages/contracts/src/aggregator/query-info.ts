import * as z from 'zod'

import { textOfLength } from '../text-length'

/** The `QuickPay/Query` request: which order of which store. */
export const queryInfoSchema = z.object({
  store_no: textOfLength(1, 32),
  order_no: textOfLength(1, 32),
})

/** The `QuickPay/Query` request. */
export type QueryInfo = z.infer<typeof queryInfoSchema>
