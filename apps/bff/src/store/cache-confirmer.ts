import type { ConfirmedCache } from './confirmed-cache'

/** Entries used within this long are kept confirmed; others are read again when next used. */
export const CONFIRM_USED_WITHIN_MS = 10_000
/** At most this many keys per confirming statement. */
export const CONFIRM_PER_STATEMENT = 500

/** A cache's background confirmation; `stop` ends it and waits for a read in flight. */
export interface CacheConfirmer {
  stop(): Promise<void>
}

/**
 * Keeps the entries of `cache` that are in use confirmed, so that the requests that use them find
 * them trusted instead of each reading the database: every half of the cache's TTL, the entries
 * used in the last ten seconds whose latest confirmation is older than a quarter of it are read
 * again with one `readMany` per 500 keys, and the cache trusts each one found from the start of
 * that read and forgets each one not found (`ConfirmedCache.confirm`). A row changed in the
 * database is therefore seen within the TTL, as with a read per request. It runs only while some
 * entry is in use: a round with nothing to confirm stops it, and the next entry stored wakes it.
 * A failed read goes to `onFailure` and changes nothing: the entries age out and are read
 * directly.
 */
export function startCacheConfirmer<Value>(
  cache: ConfirmedCache<Value>,
  options: {
    readMany(keys: string[]): Promise<readonly Value[]>
    onFailure(error: unknown): void
  },
): CacheConfirmer {
  const everyMs = cache.ttlMs / 2
  const olderThanMs = cache.ttlMs / 4
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> | undefined
  let stopped = false

  function schedule(): void {
    if (stopped || timer !== undefined || inFlight !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      inFlight = round().then((worked) => {
        inFlight = undefined
        if (worked) schedule()
      })
    }, everyMs)
    timer.unref()
  }

  /** One round; answers whether there was anything to confirm. */
  async function round(): Promise<boolean> {
    const due = cache.dueForConfirmation(olderThanMs, CONFIRM_USED_WITHIN_MS)
    if (due.length === 0) return false
    try {
      for (let start = 0; start < due.length; start += CONFIRM_PER_STATEMENT) {
        const asked = due.slice(start, start + CONFIRM_PER_STATEMENT)
        const readStarted = cache.readStarted()
        cache.confirm(asked, await options.readMany(asked), readStarted)
      }
    } catch (error) {
      options.onFailure(error)
    }
    return true
  }

  cache.onStore(schedule)
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      timer = undefined
      await inFlight
    },
  }
}
