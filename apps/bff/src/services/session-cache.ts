import type { SessionRecord } from '../store/records'

/** How long a session found in the database is trusted without the database saying so again. */
export const SESSION_CACHE_TTL_MS = 1000
/** How many sessions one cache keeps (least recently stored evicted first). */
export const SESSION_CACHE_SIZE = 10_000

interface Entry {
  session: SessionRecord
  /** Monotonic time (performance.now) at which the latest read that found the session started. */
  confirmed: number
  /** Monotonic time of the latest request it answered, or of its read. */
  used: number
}

/**
 * An in-process cache of live sessions by token hash, so that a shopper's requests do not each
 * read the sessions table. A session is trusted for at most `ttlMs` of real time counted from the
 * start of the latest read that found it: a direct read (`store`), or one of the confirmations
 * that `startSessionConfirmer` runs in the background for the sessions in use (`confirm`). So a
 * session revoked in the database (its row deleted or changed, by this or any other instance) is
 * refused within that bound, whichever read last found it. It never makes a session outlive its
 * `expires_at` (checked against the app's clock on every hit). Unknown tokens are not cached, so a
 * session created a moment ago is found at once.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>()
  private readonly storeListeners: (() => void)[] = []

  constructor(
    readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly capacity = SESSION_CACHE_SIZE,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** The moment to pass to `store` or `confirm` for a read that starts now. */
  readStarted(): number {
    return this.monotonic()
  }

  /** The cached session of `tokenHash` if it is still trusted and not expired at `now`. */
  find(tokenHash: string, now: number): SessionRecord | undefined {
    const entry = this.entries.get(tokenHash)
    if (entry === undefined) return undefined
    const at = this.monotonic()
    if (entry.confirmed + this.ttlMs <= at || entry.session.expires_at <= now) {
      this.entries.delete(tokenHash)
      return undefined
    }
    entry.used = at
    return entry.session
  }

  /** Keeps `session`, found by a read that started at `readStarted`. */
  store(tokenHash: string, session: SessionRecord, readStarted: number): void {
    this.entries.delete(tokenHash)
    this.entries.set(tokenHash, { session, confirmed: readStarted, used: this.monotonic() })
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
    for (const listener of this.storeListeners) listener()
  }

  /** Calls `listener` after every `store` (the confirmer wakes on it). */
  onStore(listener: () => void): void {
    this.storeListeners.push(listener)
  }

  /**
   * The token hashes of the sessions used within the last `usedWithinMs` whose latest
   * confirmation is at least `olderThanMs` old: those worth confirming again now.
   */
  dueForConfirmation(olderThanMs: number, usedWithinMs: number): string[] {
    const at = this.monotonic()
    const due: string[] = []
    for (const [tokenHash, entry] of this.entries) {
      if (at - entry.used < usedWithinMs && at - entry.confirmed >= olderThanMs) due.push(tokenHash)
    }
    return due
  }

  /**
   * What a read of the sessions `asked`, started at `readStarted`, found: each session found is
   * trusted again from then (its row replacing the cached one, so a shortened `expires_at` takes
   * effect), and each one not found is forgotten. An entry a later read already confirmed is left
   * as that read left it.
   */
  confirm(asked: readonly string[], found: readonly SessionRecord[], readStarted: number): void {
    const foundByHash = new Map(found.map((session) => [session.token_hash, session]))
    for (const tokenHash of asked) {
      const entry = this.entries.get(tokenHash)
      if (entry === undefined || entry.confirmed > readStarted) continue
      const session = foundByHash.get(tokenHash)
      if (session === undefined) {
        this.entries.delete(tokenHash)
      } else {
        entry.session = session
        entry.confirmed = readStarted
      }
    }
  }
}
