import type { Channel, OrderEvent, OrderStatus, PayType } from '@quickpay/contracts'
import type { Selectable } from 'kysely'

import type {
  IdempotencyKeyTable,
  NotificationTable,
  OrderTable,
  ProductTable,
  RefundTable,
  SessionTable,
} from './database-schema'

/** Where the aggregator stands on an order: never asked, created it, or we could not tell. */
export type UpstreamState = 'not_called' | 'created' | 'unknown'

/** One priced order line, frozen at creation from the catalogue. */
export interface OrderLineRecord {
  sku: string
  name: string
  quantity: number
  price: number
}

/** A catalogue product. */
export type ProductRecord = ProductTable

/** A stored session (the token itself is never stored, only its SHA-256). */
export type SessionRecord = Omit<SessionTable, 'channel'> & { channel: Channel }

/** A stored order, its columns typed (times in epoch milliseconds, amounts in fen). */
export type OrderRecord = Omit<
  OrderTable,
  'channel' | 'paytype' | 'status' | 'items' | 'upstream' | 'needs_review'
> & {
  channel: Channel
  paytype: PayType
  status: OrderStatus
  items: OrderLineRecord[]
  upstream: UpstreamState
  needs_review: boolean
}

/**
 * The columns the shopper's view of an order shows (services/order-view.ts), which are also all
 * that the on-demand check rule reads (services/request-check-if-due.ts).
 */
export const SHOPPER_ORDER_FIELDS = [
  'order_no',
  'status',
  'amount',
  'items',
  'channel',
  'created_at',
  'expires_at',
  'paid_at',
  'transaction_no',
  'refunded_amount',
] as const

/** An order as its shopper sees it: only the SHOPPER_ORDER_FIELDS of its record. */
export type ShopperOrderRecord = Pick<OrderRecord, (typeof SHOPPER_ORDER_FIELDS)[number]>

/** The fields of an order that may change after creation; its status changes only through the ledger. */
export const PATCH_FIELDS = [
  'cloudpay_param',
  'upstream',
  'transaction_no',
  'paid_at',
  'needs_review',
  'review_reason',
  'refunded_amount',
  'next_check_at',
  'check_attempts',
  'lease_owner',
  'lease_until',
] as const

/** A change to the fields in PATCH_FIELDS. */
export type OrderPatch = Partial<Pick<OrderRecord, (typeof PATCH_FIELDS)[number]>>

/** An idempotency record: `in_flight` while a request owns it (until `locked_until`), then `done`. */
export type IdempotencyRecord = Omit<IdempotencyKeyTable, 'state'> & { state: 'in_flight' | 'done' }

/** One timeline entry of an order as stored: the typed event, its order and time. */
export type OrderEventRecord = OrderEvent & { id: number; order_no: string; at: number }

/** A raw notification as received. */
export type NotificationRecord = Selectable<NotificationTable>

/** Refund states. */
export type RefundStatus = 'pending' | 'refunded' | 'failed'

/** One refund of an order. */
export type RefundRecord = Omit<RefundTable, 'status'> & { status: RefundStatus }
