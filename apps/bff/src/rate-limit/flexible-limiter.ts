import { createHash } from 'node:crypto'

import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import type { RateLimiter, RateVerdict } from './rate-limiter'

/** Whole seconds to wait, at least 1 (Retry-After is in whole seconds). */
function refused(msBeforeNext: number): RateVerdict {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) }
}

/**
 * The key as stored: a digest, so Redis never holds a shopper's payer id or a client address in
 * the clear, and every key has the same short length.
 */
function storedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22)
}

/**
 * Adapts a rate-limiter-flexible limiter of `points` per window to RateLimiter: `take` consumes a
 * point, `peek` reads the key's window without consuming (`get`). A window whose time is up counts
 * as empty even when the in-memory store has not dropped it yet.
 */
export function flexibleLimiter(limiter: RateLimiterAbstract, points: number): RateLimiter {
  return {
    async take(key) {
      try {
        await limiter.consume(storedKey(key))
        return { allowed: true }
      } catch (error) {
        // A refusal rejects with the window's state; anything else is a fault of the store.
        if (error instanceof RateLimiterRes) return refused(error.msBeforeNext)
        throw error
      }
    },
    async peek(key) {
      const state = await limiter.get(storedKey(key))
      if (state === null || state.msBeforeNext <= 0 || state.consumedPoints < points) {
        return { allowed: true }
      }
      return refused(state.msBeforeNext)
    },
  }
}
