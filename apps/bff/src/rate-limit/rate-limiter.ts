/** The verdict on one request: allowed, or refused with how long to wait. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** A per-key limit of so many requests a minute, shared by every instance when Redis is set. */
export interface RateLimiter {
  /** Spends one request of `key`'s minute, or says how long until the next is allowed. */
  take(key: string): Promise<RateVerdict>
  /** Whether `take` would allow `key` now, without spending anything. */
  peek(key: string): Promise<RateVerdict>
}
