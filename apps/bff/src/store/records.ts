import type { Channel, OrderEvent, OrderStatus, PayType } from '@quickpay/contracts'

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
export interface ProductRecord {
  sku: string
  name: string
  description: string
  price: number
  position: number
}

/** A stored session (the token itself is never stored, only its SHA-256). */
export interface SessionRecord {
  token_hash: string
  channel: Channel
  payer_id: string
  appid: string
  created_at: number
  expires_at: number
}

/** A stored order; times in epoch milliseconds. */
export interface OrderRecord {
  order_no: string
  payer_id: string
  channel: Channel
  appid: string
  paytype: PayType
  status: OrderStatus
  amount: number
  items: OrderLineRecord[]
  attach: string
  cloudpay_param: string | null
  upstream: UpstreamState
  transaction_no: string | null
  paid_at: number | null
  expires_at: number
  created_at: number
  updated_at: number
  needs_review: boolean
  review_reason: string | null
  refunded_amount: number
  next_check_at: number | null
  check_attempts: number
  lease_owner: string | null
  lease_until: number | null
}

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
export interface IdempotencyRecord {
  payer_id: string
  key: string
  request_hash: string
  state: 'in_flight' | 'done'
  response_status: number | null
  response_body: string | null
  order_no: string | null
  created_at: number
  expires_at: number
  locked_until: number
  /** The process life that holds the lock (`<INSTANCE_NAME>#<boot>`). */
  lock_owner: string | null
}

/** One timeline entry of an order as stored: the typed event, its order and time. */
export type OrderEventRecord = OrderEvent & { id: number; order_no: string; at: number }

/** A raw notification as received. */
export interface NotificationRecord {
  id: number
  order_no: string | null
  received_at: number
  content_type: string | null
  raw_body: string
  outcome: string | null
}

/** Refund states. */
export type RefundStatus = 'pending' | 'refunded' | 'failed'

/** One refund of an order. */
export interface RefundRecord {
  refund_no: string
  order_no: string
  amount: number
  status: RefundStatus
  reason: string | null
  attempts: number
  created_at: number
  updated_at: number
}
