import type { Clock } from '../clock'

/** The verdict on one request: allowed, or refused with how long to wait. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** A per-key token bucket limiter. */
export interface RateLimiter {
  take(key: string): RateVerdict
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
  return {
    take(key) {
      const now = options.clock.now()
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now }
      // A clock that steps back must not drain the bucket.
      bucket.tokens = Math.min(
        capacity,
        bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs,
      )
      bucket.updatedAt = now
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
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
      }
    },
  }
}
