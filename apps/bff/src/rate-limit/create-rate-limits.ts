import type { Redis } from 'ioredis'
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type IRateLimiterOptions,
  type RateLimiterRes,
} from 'rate-limiter-flexible'

import type { Logger } from '../logger'
import { flexibleLimiter } from './flexible-limiter'
import type { RateLimiter } from './rate-limiter'

/** Every limit counts requests per minute (RATE_LIMIT_*_PER_MINUTE). */
const WINDOW_SECONDS = 60

/** The app's rate limits: one named limiter per limit, on Redis or in this process. */
export interface RateLimits {
  /** `redis` when REDIS_URL is set (shared by every instance), `memory` otherwise. */
  backend: 'redis' | 'memory'
  /** The limiter `name` allowing `perMinute` requests per key; one per name, however often asked. */
  limiter(name: string, perMinute: number): RateLimiter
  /**
   * Resolves once Redis has answered or its first connection attempt has failed (then the limits
   * start per instance, with the warning); never rejects. Start-up awaits it so the first requests
   * do not fall back only because the connection was still being made.
   */
  ready(): Promise<void>
  /** Closes the Redis connection (shutdown). */
  close(): Promise<void>
}

/** What the limits need: where Redis is, under which prefix, and whom to tell of an outage. */
export interface RateLimitsOptions {
  /** REDIS_URL; unset = in-process limits only. */
  redisUrl: string | undefined
  /** REDIS_KEY_PREFIX: instances of one deployment share it, other deployments (and tests) differ. */
  keyPrefix: string
  logger: Logger
  /** Told `true` when the limits fall back to this process, `false` when Redis serves them again. */
  onDegraded?: (degraded: boolean) => void
}

/**
 * The in-process limiter Redis falls back to (rate-limiter-flexible's insurance limiter); every
 * call means the Redis one just failed, which `onUse` reports.
 */
class FallbackLimiter extends RateLimiterMemory {
  constructor(
    options: IRateLimiterOptions,
    private readonly onUse: () => void,
  ) {
    super(options)
  }

  override consume(
    key: string | number,
    points?: number,
    options?: Record<string, unknown>,
  ): Promise<RateLimiterRes> {
    this.onUse()
    return super.consume(key, points, options)
  }

  override get(
    key: string | number,
    options?: Record<string, unknown>,
  ): Promise<RateLimiterRes | null> {
    this.onUse()
    return super.get(key, options)
  }
}

/**
 * Creates the limits. With Redis, each limiter is a RateLimiterRedis whose insurance is an
 * in-process RateLimiterMemory: while Redis is unreachable (refused at once, the client keeps no
 * offline queue) each instance enforces the limits alone, so N instances allow up to N× the
 * limit; shoppers are never refused for Redis's sake. The outage is logged once, as a warning,
 * and its end once, as information. Windows are fixed: up to `perMinute` requests in the minute
 * that starts with a key's first request, then 429 with Retry-After until that minute ends.
 */
export async function createRateLimits(options: RateLimitsOptions): Promise<RateLimits> {
  const limiters = new Map<string, RateLimiter>()
  const redisUrl = options.redisUrl
  if (redisUrl === undefined) {
    return {
      backend: 'memory',
      limiter(name, perMinute) {
        const existing = limiters.get(name)
        if (existing !== undefined) return existing
        const created = flexibleLimiter(
          new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS, keyPrefix: name }),
          perMinute,
        )
        limiters.set(name, created)
        return created
      },
      ready: () => Promise.resolve(),
      close: () => Promise.resolve(),
    }
  }

  // Loaded only with REDIS_URL: a BFF without Redis does not pay for the client at start-up.
  const { createRedisClient } = await import('./redis-client')
  const client: Redis = createRedisClient(redisUrl)
  let degraded = false
  const fellBack = (): void => {
    if (degraded) return
    degraded = true
    options.logger.warn(
      { redis: client.status },
      'Redis unreachable: rate limits are per instance until it answers again',
    )
    options.onDegraded?.(true)
  }
  // Connection errors repeat on every reconnection attempt; the fallback above reports the outage.
  client.on('error', () => undefined)
  const firstAttempt = new Promise<void>((resolve) => {
    client.once('ready', () => resolve())
    client.once('error', () => {
      fellBack()
      resolve()
    })
  })
  client.on('ready', () => {
    if (!degraded) return
    degraded = false
    options.logger.info('Redis answers again: rate limits are shared by every instance')
    options.onDegraded?.(false)
  })
  return {
    backend: 'redis',
    limiter(name, perMinute) {
      const existing = limiters.get(name)
      if (existing !== undefined) return existing
      const keyPrefix = `${options.keyPrefix}:limit:${name}`
      const created = flexibleLimiter(
        new RateLimiterRedis({
          storeClient: client,
          points: perMinute,
          duration: WINDOW_SECONDS,
          keyPrefix,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new FallbackLimiter(
            { points: perMinute, duration: WINDOW_SECONDS, keyPrefix },
            fellBack,
          ),
        }),
        perMinute,
      )
      limiters.set(name, created)
      return created
    },
    ready: () => firstAttempt,
    close() {
      client.disconnect()
      return Promise.resolve()
    },
  }
}
