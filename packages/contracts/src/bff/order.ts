import * as z from 'zod'

import { payTypeSchema } from '../aggregator/pay-type'
import { channelSchema } from '../channel'
import { MAX_ORDER_LINES, MAX_QUANTITY, ORDER_STATUSES } from '../engine-safe/order-statuses'
import { REFUND_STATUSES } from '../engine-safe/refund-statuses'

/** An order line as the shopper sends it: only `sku` and `quantity`; prices come from the catalogue. */
export const orderLineRequestSchema = z.strictObject({
  sku: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9-]{1,32}$/, { error: 'must be 1-32 letters, digits or "-"' }),
  quantity: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_QUANTITY, { error: `must be at most ${MAX_QUANTITY}` }),
})

/** `POST /api/orders` body: `{ items }` and nothing else. */
export const createOrderRequestSchema = z.strictObject({
  items: z
    .array(orderLineRequestSchema, { error: 'must be a list of { sku, quantity }' })
    .min(1, { error: 'must hold at least one item' })
    .max(MAX_ORDER_LINES, { error: `must hold at most ${MAX_ORDER_LINES} items` })
    .refine((items) => new Set(items.map((item) => item.sku)).size === items.length, {
      error: 'must list each sku once',
    }),
})

/** `POST /api/orders` body. */
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>

/** Validates an order state. */
export const orderStatusSchema = z.enum(ORDER_STATUSES)

/** One priced order line. */
export const orderLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  price: z.number().int(),
})

/** An order as a shopper sees it; amounts in fen, times ISO 8601. */
export const orderSchema = z.object({
  order_no: z.string(),
  status: orderStatusSchema,
  amount: z.number().int(),
  items: z.array(orderLineSchema),
  channel: channelSchema,
  created_at: z.string(),
  expires_at: z.string(),
  paid_at: z.string().optional(),
  transaction_no: z.string().optional(),
})

/** An order as a shopper sees it. */
export type Order = z.infer<typeof orderSchema>

/** A refund as the shopper sees it: amount, state and times; no reason, refund number or operator. */
export const shopperRefundSchema = z.object({
  amount: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  created_at: z.string(),
  updated_at: z.string(),
})

/** A refund as the shopper sees it. */
export type ShopperRefund = z.infer<typeof shopperRefundSchema>

/**
 * The shopper's order view: the order, the server's clock when it answered, how many whole
 * seconds a pending order has left to be paid (by the server's clock, so the store counts down
 * without trusting the phone's), the refunded total, and (on `GET /api/orders/:order_no`) the
 * order's refunds, oldest first.
 */
export const shopperOrderSchema = orderSchema.extend({
  server_time: z.string(),
  seconds_to_expiry: z.number().int().min(0).optional(),
  refunded_amount: z.number().int(),
  refunds: z.array(shopperRefundSchema).optional(),
})

/** The shopper's order view. */
export type ShopperOrder = z.infer<typeof shopperOrderSchema>

/** What the store hands to the wallet: the pay type and the aggregator's `cloudpay_param`. */
export const paymentSchema = z.object({
  paytype: payTypeSchema,
  cloudpay_param: z.string(),
})

/** Payment parameters for one order. */
export type Payment = z.infer<typeof paymentSchema>

/** `POST /api/orders` and `POST /api/orders/:order_no/payment` answer. */
export const createOrderResponseSchema = z.object({
  order: shopperOrderSchema,
  payment: paymentSchema,
})

/** `POST /api/orders` answer. */
export type CreateOrderResponse = z.infer<typeof createOrderResponseSchema>

/** `GET /api/orders/:order_no` answer. */
export const orderResponseSchema = z.object({ order: shopperOrderSchema })

/** `GET /api/orders/:order_no` answer. */
export type OrderResponse = z.infer<typeof orderResponseSchema>

/**
 * `GET /api/orders` answer: one page, newest first, and the cursor of the next page when there
 * may be one.
 */
export const ordersResponseSchema = z.object({
  orders: z.array(shopperOrderSchema),
  next_cursor: z.string().optional(),
})

/** `GET /api/orders` answer. */
export type OrdersResponse = z.infer<typeof ordersResponseSchema>
