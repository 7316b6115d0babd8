import { Redis } from 'ioredis'

/** How long a connection attempt may take before it counts as failed. */
const CONNECT_TIMEOUT_MS = 1000
/** How long one command may take: a limit check sits on the request's path. */
const COMMAND_TIMEOUT_MS = 500
/** The longest pause between reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 2000

/**
 * A Redis client that fails fast instead of queueing: no offline queue (a command while
 * disconnected is refused at once), short connect and command timeouts, no per-command retries,
 * and reconnection in the background every 0.1–2 s. `probe` (the doctor) connects only when
 * `connect()` is called and never reconnects.
 */
export function createRedisClient(url: string, options: { probe?: boolean } = {}): Redis {
  const probe = options.probe ?? false
  return new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: probe,
    retryStrategy: (times) => (probe ? null : Math.min(times * 100, MAX_RECONNECT_DELAY_MS)),
  })
}
