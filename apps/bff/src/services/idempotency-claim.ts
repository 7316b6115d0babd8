import type { Transaction } from '../store/repository'

/** A final answer as the idempotent middleware stores and replays it: its status and exact body. */
export interface StoredAnswer {
  status: number
  body: string
}

/**
 * The request's claimed Idempotency-Key, as the idempotent middleware hands it to the handler:
 * the key, and the resource (order) an earlier attempt with it created.
 */
export interface IdempotencyClaim {
  /** The key's scope: the payer id the key is claimed under. */
  scope: string
  key: string
  resource: string | null
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
