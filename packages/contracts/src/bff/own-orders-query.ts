import * as z from 'zod'

import { DEFAULT_ORDERS_PAGE, MAX_ORDERS_PAGE, ORDER_TABS } from '../engine-safe/order-tabs'

/** A page cursor: the last order's creation time (ms) and number, as `<ms>.<order_no>`. */
export const ORDERS_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,32})$/

/**
 * `GET /api/orders` query: `tab` (all, pending, paid, refund; default all), `limit` (1–50,
 * default 20) and `cursor` (the previous page's `next_cursor`). Unknown parameters are refused.
 */
export const ownOrdersQuerySchema = z.strictObject({
  tab: z.enum(ORDER_TABS, { error: `must be one of ${ORDER_TABS.join(', ')}` }).default('all'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `must be an integer from 1 to ${MAX_ORDERS_PAGE}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: `must be an integer from 1 to ${MAX_ORDERS_PAGE}` })
        .max(MAX_ORDERS_PAGE, { error: `must be an integer from 1 to ${MAX_ORDERS_PAGE}` }),
    )
    .default(DEFAULT_ORDERS_PAGE),
  cursor: z
    .string()
    .regex(ORDERS_CURSOR, { error: 'must be the next_cursor of an earlier page' })
    .optional(),
})

/** A shopper's order-list query. */
export type OwnOrdersQuery = z.infer<typeof ownOrdersQuerySchema>
