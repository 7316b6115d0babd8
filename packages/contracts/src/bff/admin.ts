import * as z from 'zod'

import { REFUND_STATUSES } from '../engine-safe/refund-statuses'
import { amountFen } from '../money'
import { plainText } from '../plain-text'
import { orderSchema, orderStatusSchema } from './order'
import { timelineEventSchema } from './order-event'

/** Refund states kept by the BFF. */
export const refundStatusSchema = z.enum(REFUND_STATUSES)

/** One refund of an order. */
export const refundSchema = z.object({
  refund_no: z.string(),
  amount: z.number().int(),
  status: refundStatusSchema,
  reason: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
})

/** One refund of an order. */
export type Refund = z.infer<typeof refundSchema>

/** An order as the merchant sees it: the shopper's view plus flags, refunds and the payer's masked id. */
export const adminOrderSchema = orderSchema.extend({
  payer: z.string(),
  refunded_amount: z.number().int(),
  needs_review: z.boolean(),
  review_reason: z.string().optional(),
})

/** An order as the merchant sees it. */
export type AdminOrder = z.infer<typeof adminOrderSchema>

/** The most matches `GET /api/admin/orders` counts; beyond it the answer says `total_capped`. */
export const ADMIN_ORDERS_TOTAL_CAP = 10_000

/**
 * `GET /api/admin/orders` answer: one page, the cursor of the next one (null after the last), and
 * how many orders match the filters, counted up to ADMIN_ORDERS_TOTAL_CAP: with more, `total` is
 * the cap and `total_capped` is true (the console shows 「10000+ 笔」).
 */
export const adminOrdersResponseSchema = z.object({
  orders: z.array(adminOrderSchema),
  next_cursor: z.string().nullable(),
  total: z.number().int(),
  total_capped: z.boolean(),
})

/** `GET /api/admin/orders` answer. */
export type AdminOrdersResponse = z.infer<typeof adminOrdersResponseSchema>

/** `GET /api/admin/orders/:order_no` answer. */
export const adminOrderDetailSchema = z.object({
  order: adminOrderSchema,
  refunds: z.array(refundSchema),
  timeline: z.array(timelineEventSchema),
  /** How many events the timeline has in all, when `timeline_limit` cut it short. */
  timeline_total: z.number().int().optional(),
})

/** `GET /api/admin/orders/:order_no` answer. */
export type AdminOrderDetail = z.infer<typeof adminOrderDetailSchema>

/** `POST /api/admin/orders/:order_no/refunds` body: how much (fen) and why. */
export const createRefundRequestSchema = z.strictObject({
  amount: amountFen,
  reason: plainText(80).optional(),
})

/** A refund request. */
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>

const pageNumber = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: `must be an integer from 0 to ${max}` })
    .transform(Number)
    .pipe(z.number().max(max, { error: `must be an integer from 0 to ${max}` }))
    .default(fallback)

/**
 * `GET /api/admin/orders` query: an optional status filter, a page size (limit 1–200, default 50)
 * and the `cursor` of the page (the previous answer's `next_cursor`; none for the first page).
 */
export const adminOrdersQuerySchema = z.object({
  status: orderStatusSchema.optional(),
  limit: pageNumber(200, 50).transform((limit) => Math.max(1, limit)),
  cursor: z.string().max(128, { error: 'must be the next_cursor of an earlier answer' }).optional(),
})

/** A merchant order-list query. */
export type AdminOrdersQuery = z.infer<typeof adminOrdersQuerySchema>
