import { ConfirmedCache } from '../store/confirmed-cache'
import type { SessionRecord } from '../store/records'

/** How long a session found in the database is trusted without the database saying so again. */
export const SESSION_CACHE_TTL_MS = 1000
/** How many sessions one cache keeps (least recently stored evicted first). */
export const SESSION_CACHE_SIZE = 10_000

/**
 * An in-process cache of live sessions by token hash, so that a shopper's requests do not each
 * read the sessions table: a `ConfirmedCache` (store/confirmed-cache.ts), whose sessions in use
 * `startSessionConfirmer` keeps confirmed in the background. A session revoked in the database
 * (its row deleted or changed, by this or any other instance) is refused within the TTL,
 * whichever read last found it. It never makes a session outlive its `expires_at` (checked against
 * the app's clock on every hit). Unknown tokens are not cached, so a session created a moment ago
 * is found at once.
 */
export class SessionCache extends ConfirmedCache<SessionRecord> {
  constructor(
    ttlMs = SESSION_CACHE_TTL_MS,
    capacity = SESSION_CACHE_SIZE,
    monotonic: () => number = () => performance.now(),
  ) {
    super((session) => session.token_hash, ttlMs, capacity, monotonic)
  }

  /** The cached session of `tokenHash` if it is still trusted and not expired at `now`. */
  find(tokenHash: string, now: number): SessionRecord | undefined {
    const session = this.trusted(tokenHash)
    if (session === undefined || session.expires_at > now) return session
    this.drop(tokenHash)
    return undefined
  }
}
