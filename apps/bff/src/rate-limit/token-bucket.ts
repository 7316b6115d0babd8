import type { Clock } from '../clock'

/** The verdict on one request: allowed, or refused with how long to wait. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** A per-key token bucket limiter. */
export interface RateLimiter {
  /** Spends one token of `key`'s bucket, or says how long until there is one. */
  take(key: string): RateVerdict
  /** Whether `take` would allow `key` now, without spending anything. */
  peek(key: string): RateVerdict
}

interface Bucket {
  tokens: number
  updatedAt: number
}

const MAX_KEYS = 10_000

/**
 * An in-memory token bucket per key: `perMinute` tokens refilled evenly, bursting up to the same
 * number. In memory, so with several BFF instances each enforces its own limit.
 */
export function createTokenBucket(options: { perMinute: number; clock: Clock }): RateLimiter {
  const buckets = new Map<string, Bucket>()
  const capacity = options.perMinute
  const perMs = options.perMinute / 60_000
  /** The bucket of `key` refilled up to now (not stored). */
  function refilled(key: string, now: number): Bucket {
    const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now }
    // A clock that steps back must not drain the bucket.
    return {
      tokens: Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs),
      updatedAt: now,
    }
  }
  const refused = (bucket: Bucket): RateVerdict => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
  })
  return {
    peek(key) {
      const bucket = refilled(key, options.clock.now())
      return bucket.tokens >= 1 ? { allowed: true } : refused(bucket)
    },
    take(key) {
      const now = options.clock.now()
      const bucket = refilled(key, now)
      if (buckets.size >= MAX_KEYS && !buckets.has(key)) {
        // Full buckets carry no information; dropping them bounds memory under a flood of keys.
        for (const [name, other] of buckets) {
          if (other.tokens + Math.max(0, now - other.updatedAt) * perMs >= capacity)
            buckets.delete(name)
        }
      }
      buckets.set(key, bucket)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { allowed: true }
      }
      return refused(bucket)
    },
  }
}
