import type { Generated } from 'kysely'

/**
 * The tables of the whole BFF. Times are integer milliseconds since the epoch and amounts integer
 * fen (BIGINT in PostgreSQL); JSON travels as TEXT and booleans as 0/1 so both databases agree.
 */
export interface DatabaseSchema {
  products: ProductTable
  sessions: SessionTable
  orders: OrderTable
  idempotency_keys: IdempotencyKeyTable
  order_events: OrderEventTable
  notifications: NotificationTable
  refunds: RefundTable
  console_sessions: ConsoleSessionTable
}

/** The catalogue; prices in fen. */
export interface ProductTable {
  sku: string
  name: string
  description: string
  price: number
  position: number
}

/** A shopper session: only the SHA-256 of the bearer token is kept. */
export interface SessionTable {
  token_hash: string
  channel: string
  payer_id: string
  appid: string
  created_at: number
  expires_at: number
}

/** An order and everything the reconciler, notifications and refunds need on it. */
export interface OrderTable {
  order_no: string
  payer_id: string
  channel: string
  appid: string
  paytype: number
  status: string
  amount: number
  items: string
  attach: string
  cloudpay_param: string | null
  upstream: string
  transaction_no: string | null
  paid_at: number | null
  expires_at: number
  created_at: number
  updated_at: number
  needs_review: number
  review_reason: string | null
  refunded_amount: number
  next_check_at: number | null
  check_attempts: number
  lease_owner: string | null
  lease_until: number | null
}

/** An idempotency record, scoped per shopper. */
export interface IdempotencyKeyTable {
  payer_id: string
  key: string
  request_hash: string
  state: string
  response_status: number | null
  response_body: string | null
  order_no: string | null
  created_at: number
  expires_at: number
  locked_until: number
  /** The process life that holds the lock (`<INSTANCE_NAME>#<boot>`); null before migration 0004. */
  lock_owner: string | null
}

/** One entry of an order's timeline. */
export interface OrderEventTable {
  id: Generated<number>
  order_no: string
  at: number
  kind: string
  detail: string
}

/** A received aggregator notification, raw, before and after it was confirmed. */
export interface NotificationTable {
  id: Generated<number>
  order_no: string | null
  received_at: number
  content_type: string | null
  raw_body: string
  outcome: string | null
}

/** One refund of an order. */
export interface RefundTable {
  refund_no: string
  order_no: string
  amount: number
  status: string
  reason: string | null
  attempts: number
  created_at: number
  updated_at: number
}

/** A merchant console session: only an HMAC of its cookie token is kept. */
export interface ConsoleSessionTable {
  token_hash: string
  created_at: number
  expires_at: number
}
