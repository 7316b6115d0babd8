import type { Channel, OrderStatus } from '@quickpay/contracts'

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
  paytype: number
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

/** The fields of an order that may change after creation (status only through `transitionOrder`). */
export type OrderPatch = Partial<
  Pick<
    OrderRecord,
    | 'cloudpay_param'
    | 'upstream'
    | 'transaction_no'
    | 'paid_at'
    | 'needs_review'
    | 'review_reason'
    | 'refunded_amount'
    | 'next_check_at'
    | 'check_attempts'
    | 'lease_owner'
    | 'lease_until'
  >
>

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
}

/** One timeline entry of an order. */
export interface OrderEventRecord {
  id: number
  order_no: string
  at: number
  kind: string
  detail: Record<string, unknown>
}

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

/**
 * Every read and write of the BFF, over SQLite or PostgreSQL. Methods called on the repository
 * handed to `transaction`'s callback run inside that transaction; never touch the outer
 * repository from inside the callback (on SQLite that would wait for itself).
 */
export interface Repository {
  /** Which engine is behind this repository. */
  readonly kind: 'sqlite' | 'postgres'

  /** Runs `work` in one write transaction (SQLite: BEGIN IMMEDIATE); rolls back if it throws. */
  transaction<T>(work: (tx: Repository) => Promise<T>): Promise<T>
  /** Answers when the database can be queried. */
  ping(): Promise<void>
  /** Closes every connection. */
  close(): Promise<void>

  /** The number of products in the catalogue. */
  countProducts(): Promise<number>
  /** Adds products (seeding); a sku that exists is left as it is, so two instances may seed at once. */
  insertProducts(products: ProductRecord[]): Promise<void>
  /** The catalogue in display order. */
  listProducts(): Promise<ProductRecord[]>
  /** The products among `skus` that exist. */
  findProducts(skus: string[]): Promise<ProductRecord[]>

  /** Stores a new session. */
  insertSession(session: SessionRecord): Promise<void>
  /** The session with this token hash, if it has not expired at `now`. */
  findSession(tokenHash: string, now: number): Promise<SessionRecord | undefined>
  /** Deletes sessions expired before `now`; answers how many. */
  deleteExpiredSessions(now: number): Promise<number>

  /** Stores a new order. */
  insertOrder(order: OrderRecord): Promise<void>
  /** Any order by number (for the notification, reconciler and admin paths). */
  findOrder(orderNo: string): Promise<OrderRecord | undefined>
  /** The order if it belongs to `payerId`; another shopper's order is indistinguishable from none. */
  findOrderOfPayer(orderNo: string, payerId: string): Promise<OrderRecord | undefined>
  /** A shopper's orders, newest first. */
  listOrdersOfPayer(payerId: string, limit: number): Promise<OrderRecord[]>
  /** Every order, newest first, optionally only those with `status` (merchant view). */
  listOrders(options: {
    limit: number
    offset?: number
    status?: OrderStatus
  }): Promise<OrderRecord[]>
  /** How many of a shopper's orders are pending and not yet expired at `now`. */
  countOpenOrdersOfPayer(payerId: string, now: number): Promise<number>
  /** Changes non-status fields unconditionally; answers whether the order exists. */
  updateOrder(orderNo: string, patch: OrderPatch, now: number): Promise<boolean>
  /**
   * Moves an order to `to` only if its status is one of `from` (a conditional UPDATE, so states
   * only move forward even under races); answers whether this call changed it.
   */
  transitionOrder(
    orderNo: string,
    from: readonly OrderStatus[],
    to: OrderStatus,
    patch: OrderPatch,
    now: number,
  ): Promise<boolean>
  /**
   * Leases up to `limit` pending orders whose `next_check_at` is due (or whose lease expired) for
   * `owner` until `leaseUntil`; on PostgreSQL with FOR UPDATE SKIP LOCKED so instances never share.
   */
  leaseDueOrders(options: {
    now: number
    owner: string
    leaseUntil: number
    limit: number
    statuses?: readonly OrderStatus[]
  }): Promise<OrderRecord[]>

  /** Inserts a new idempotency record unless (payer_id, key) exists; answers whether it did. */
  insertIdempotencyKey(record: IdempotencyRecord): Promise<boolean>
  /** The record for (payerId, key), expired or not. */
  findIdempotencyKey(payerId: string, key: string): Promise<IdempotencyRecord | undefined>
  /** Takes over an `in_flight` record whose lock expired at `now`; answers whether this call won. */
  takeOverIdempotencyKey(
    payerId: string,
    key: string,
    now: number,
    lockedUntil: number,
  ): Promise<boolean>
  /** Stores the final answer of a key (`done`) so it is replayed byte for byte. */
  completeIdempotencyKey(
    payerId: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void>
  /** Gives an `in_flight` key back (lock expired at `now`) so a retry with it can continue. */
  releaseIdempotencyKey(payerId: string, key: string, now: number): Promise<void>
  /** Replaces a record whose `expires_at` passed (its key may be reused as new); answers whether it did. */
  replaceExpiredIdempotencyKey(record: IdempotencyRecord, now: number): Promise<boolean>
  /** Deletes records past `expires_at`; answers how many. */
  deleteExpiredIdempotencyKeys(now: number): Promise<number>

  /** Appends an event to an order's timeline. */
  addOrderEvent(event: Omit<OrderEventRecord, 'id'>): Promise<void>
  /** An order's timeline, oldest first. */
  listOrderEvents(orderNo: string): Promise<OrderEventRecord[]>

  /** Stores a raw notification; answers its id. */
  insertNotification(record: Omit<NotificationRecord, 'id'>): Promise<number>
  /** Records what became of a notification. */
  setNotificationOutcome(id: number, outcome: string): Promise<void>
  /** An order's notifications, oldest first. */
  listNotifications(orderNo: string): Promise<NotificationRecord[]>

  /** Stores a new refund; answers false if `refund_no` exists. */
  insertRefund(refund: RefundRecord): Promise<boolean>
  /** A refund by number. */
  findRefund(refundNo: string): Promise<RefundRecord | undefined>
  /** An order's refunds, oldest first. */
  listRefunds(orderNo: string): Promise<RefundRecord[]>
  /** Moves a refund to `to` only if its status is one of `from`; answers whether it changed. */
  transitionRefund(
    refundNo: string,
    from: readonly RefundStatus[],
    to: RefundStatus,
    patch: { attempts?: number },
    now: number,
  ): Promise<boolean>

  /** How many orders are in each status (the metrics gauge). */
  countOrdersByStatus(): Promise<Record<string, number>>
  /** Refunds still `pending` whose last update is at or before `before`, oldest first (the reconciler finishes them). */
  listPendingRefunds(before: number, limit: number): Promise<RefundRecord[]>
}
