import type { Context, Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import type { RateLimiter } from '../rate-limit/rate-limiter'

/** Refuses a request with 429 RATE_LIMITED and Retry-After once its key has used up its minute. */
export function rateLimit(
  limiter: RateLimiter,
  keyOf: (ctx: Context & { state: AppState }) => string,
): Middleware<AppState> {
  return async (ctx, next) => {
    const verdict = await limiter.take(keyOf(ctx))
    if (!verdict.allowed) throw errors.rateLimited(verdict.retryAfterSeconds)
    await next()
  }
}
