import type { SessionRecord } from '../store/records'

/** How long a session read from the database is trusted without asking it again. */
export const SESSION_CACHE_TTL_MS = 1000
/** How many sessions one cache keeps (least recently stored evicted first). */
export const SESSION_CACHE_SIZE = 10_000

interface Entry {
  session: SessionRecord
  /** Monotonic time (performance.now) after which the entry is not trusted any more. */
  until: number
}

/**
 * A small in-process cache of live sessions by token hash, so that a shopper's polls do not read
 * the sessions table on every request. It never makes a session outlive its `expires_at` (checked
 * against the app's clock on every hit), and it trusts a stored session for at most `ttlMs` of
 * real time counted from before the read that filled it: a session revoked in the database (its
 * row deleted, by this or any other instance) is refused within that bound. Unknown tokens are
 * not cached, so a session created a moment ago is found at once.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly capacity = SESSION_CACHE_SIZE,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** The moment to pass to `store` for a read that starts now. */
  readStarted(): number {
    return this.monotonic()
  }

  /** The cached session of `tokenHash` if it is still trusted and not expired at `now`. */
  find(tokenHash: string, now: number): SessionRecord | undefined {
    const entry = this.entries.get(tokenHash)
    if (entry === undefined) return undefined
    if (entry.until <= this.monotonic() || entry.session.expires_at <= now) {
      this.entries.delete(tokenHash)
      return undefined
    }
    return entry.session
  }

  /** Keeps `session`, read from the database by a read that started at `readStarted`. */
  store(tokenHash: string, session: SessionRecord, readStarted: number): void {
    this.entries.delete(tokenHash)
    this.entries.set(tokenHash, { session, until: readStarted + this.ttlMs })
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
  }
}
