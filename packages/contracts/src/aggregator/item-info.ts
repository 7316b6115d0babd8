import * as z from 'zod'

import { fenOrZero } from '../money'

/** One line of `itemlist` (`ItemInfo`); the seed marks none required, so every field is optional. */
export const itemInfoSchema = z.object({
  item_id: z.string().nullish(),
  item_no: z.string().nullish(),
  item_name: z.string().nullish(),
  quantity: z
    .number()
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .nullish(),
  price: fenOrZero.nullish(),
  promotion_type: z.number().int({ error: 'must be an integer' }).nullish(),
})

/** One line of `itemlist`. */
export type ItemInfo = z.infer<typeof itemInfoSchema>
