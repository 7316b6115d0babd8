import type { IdempotencyRecord } from '../store/records'
import type { Transaction } from '../store/repository'

/** A final answer as the idempotent middleware stores and replays it: its status and exact body. */
export interface StoredAnswer {
  status: number
  body: string
}

/**
 * Thrown by `IdempotencyClaim.claim` when the key already holds a final answer: the idempotent
 * middleware catches it and replays these bytes, as it does for a key it found done itself.
 */
export class StoredAnswerFound extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('the Idempotency-Key already holds a final answer')
  }
}

/**
 * The request's Idempotency-Key, as the idempotent middleware hands it to the handler. Most routes
 * get it claimed; a route whose first write can carry the claim (`claimInHandler`: the order
 * create on PostgreSQL) gets it unclaimed, inserts `unclaimed()` in that write and says so
 * (`claimedInWrite`), or calls `claim()` when the write found the key taken.
 */
export interface IdempotencyClaim {
  /** The key's scope: the payer id the key is claimed under. */
  scope: string
  key: string
  /**
   * The key's record, in flight and locked by this request, while the key is not claimed yet;
   * null once it is (then `claim()` answers at once).
   */
  unclaimed(): IdempotencyRecord | null
  /** The handler's write inserted `unclaimed()`: the key is this request's, with no resource yet. */
  claimedInWrite(): void
  /**
   * Claims the key the middleware's way and answers the resource (order number) an earlier
   * attempt with it left, or null. Throws IDEMPOTENCY_KEY_IN_FLIGHT or IDEMPOTENCY_KEY_REUSED as
   * the middleware would, and `StoredAnswerFound` when the key already holds a final answer.
   */
  claim(): Promise<string | null>
  /**
   * Stores the request's final answer in `tx`, the transaction that makes the outcome it reports,
   * so the two commit together (and a create needs no write of its own afterwards); the middleware
   * then answers exactly these bytes and stores nothing more. A handler that calls it lets that
   * transaction's failure propagate: returning normally is what tells the middleware it committed.
   */
  storeAnswer(tx: Transaction, answer: StoredAnswer): Promise<void>
  /**
   * Tells the middleware that a write of the handler's own stored `answer` on this key and
   * committed (`Repository.recordCreatedPayment`), as `storeAnswer` does inside a transaction.
   */
  answered(answer: StoredAnswer): void
}
