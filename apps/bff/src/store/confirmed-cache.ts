/** How many entries one cache keeps by default (least recently stored evicted first). */
export const CONFIRMED_CACHE_SIZE = 10_000

interface Entry<Value> {
  value: Value
  /** Monotonic time (performance.now) at which the latest read that found the value started. */
  confirmed: number
  /** Monotonic time of the latest request it answered, or of its read. */
  used: number
}

/**
 * An in-process cache of rows read from the database, each trusted for at most `ttlMs` of real
 * time counted from the start of the latest read that found it: a direct read (`store`), or one
 * of the confirmations that `startCacheConfirmer` (cache-confirmer.ts) runs in the background for
 * the entries in use (`confirm`). So a row changed or deleted in the database, by this or any
 * other instance, is seen within that bound, whichever read last found it. `forget` drops an
 * entry at once (after a write of this process has committed) and refuses what a read that
 * started before it would store, so this process sees its own writes on its next read. Misses are
 * not cached: a row written a moment ago is found at once.
 *
 * Used for the shoppers' sessions (services/session-cache.ts) and, on PostgreSQL, for the orders
 * their polls read (store/order-store.ts).
 */
export class ConfirmedCache<Value> {
  private readonly entries = new Map<string, Entry<Value>>()
  /** When each recently forgotten key was forgotten (kept for one TTL; see `store`). */
  private readonly forgotten = new Map<string, number>()
  private readonly storeListeners: (() => void)[] = []

  constructor(
    private readonly keyOf: (value: Value) => string,
    readonly ttlMs: number,
    private readonly capacity = CONFIRMED_CACHE_SIZE,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /** The moment to pass to `store` or `confirm` for a read that starts now. */
  readStarted(): number {
    return this.monotonic()
  }

  /** The cached value of `key` while it is trusted; marks it used. */
  trusted(key: string): Value | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    const at = this.monotonic()
    if (entry.confirmed + this.ttlMs <= at) {
      this.entries.delete(key)
      return undefined
    }
    entry.used = at
    return entry.value
  }

  /**
   * Keeps `value` under `key`, found by a read that started at `readStarted`; unless the key was
   * forgotten since, when the read may predate the write that made it forget.
   */
  store(key: string, value: Value, readStarted: number): void {
    const forgottenAt = this.forgotten.get(key)
    if (forgottenAt !== undefined && readStarted <= forgottenAt) return
    this.entries.delete(key)
    this.entries.set(key, { value, confirmed: readStarted, used: this.monotonic() })
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
    for (const listener of this.storeListeners) listener()
  }

  /** Drops `key` now, and refuses what reads started until now would store for it. */
  forget(key: string): void {
    const at = this.monotonic()
    this.drop(key)
    this.forgotten.delete(key)
    this.forgotten.set(key, at)
    // A read older than one TTL stores an entry that is no longer trusted anyway.
    for (const [each, when] of this.forgotten) {
      if (when + this.ttlMs > at) break
      this.forgotten.delete(each)
    }
  }

  /** Drops `key`'s entry (one no longer usable), without refusing later stores. */
  protected drop(key: string): void {
    this.entries.delete(key)
  }

  /** Calls `listener` after every `store` (the confirmer wakes on it). */
  onStore(listener: () => void): void {
    this.storeListeners.push(listener)
  }

  /**
   * The keys of the entries used within the last `usedWithinMs` whose latest confirmation is at
   * least `olderThanMs` old: those worth confirming again now.
   */
  dueForConfirmation(olderThanMs: number, usedWithinMs: number): string[] {
    const at = this.monotonic()
    const due: string[] = []
    for (const [key, entry] of this.entries) {
      if (at - entry.used < usedWithinMs && at - entry.confirmed >= olderThanMs) due.push(key)
    }
    return due
  }

  /**
   * What a read of the keys `asked`, started at `readStarted`, found (each value under `keyOf`
   * it): each value found is trusted again from then (replacing the cached one), and each key not found is forgotten. An entry a
   * later read already confirmed, or one stored again since, is left as that read left it.
   */
  confirm(asked: readonly string[], found: readonly Value[], readStarted: number): void {
    const foundByKey = new Map(found.map((value) => [this.keyOf(value), value]))
    for (const key of asked) {
      const entry = this.entries.get(key)
      if (entry === undefined || entry.confirmed > readStarted) continue
      const value = foundByKey.get(key)
      if (value === undefined) {
        this.entries.delete(key)
      } else {
        entry.value = value
        entry.confirmed = readStarted
      }
    }
  }
}
