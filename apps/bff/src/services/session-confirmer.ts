import type { Clock } from '../clock'
import type { Logger } from '../logger'
import type { Repository } from '../store/repository'
import type { SessionCache } from './session-cache'

/** Sessions used within this long are kept confirmed; others are read again when next used. */
export const CONFIRM_SESSIONS_USED_WITHIN_MS = 10_000
/** At most this many token hashes per confirming statement. */
export const CONFIRM_SESSIONS_PER_STATEMENT = 500

/** The background confirmation of a session cache; `stop` ends it and waits for a read in flight. */
export interface SessionConfirmer {
  stop(): Promise<void>
}

/**
 * Keeps the sessions in use confirmed, so that a shopper's requests find their session trusted
 * instead of each reading it: every half of the cache's trust window, the sessions used in the
 * last ten seconds whose latest confirmation is older than a quarter of it are read again in one
 * statement per 500 (`SessionStore.findMany`), and the cache trusts each one found from the start
 * of that read and forgets each one not found (`SessionCache.confirm`). A revoked session is
 * therefore refused within the trust window, as with a read per request. It runs only while some
 * session is in use: a round with nothing to confirm stops it, and the next session stored wakes
 * it. A failed read is logged and changes nothing: the entries age out and are read directly.
 */
export function startSessionConfirmer(
  cache: SessionCache,
  deps: { repository: Repository; clock: Clock; logger: Logger },
): SessionConfirmer {
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
    const due = cache.dueForConfirmation(olderThanMs, CONFIRM_SESSIONS_USED_WITHIN_MS)
    if (due.length === 0) return false
    try {
      for (let start = 0; start < due.length; start += CONFIRM_SESSIONS_PER_STATEMENT) {
        const asked = due.slice(start, start + CONFIRM_SESSIONS_PER_STATEMENT)
        const readStarted = cache.readStarted()
        const found = await deps.repository.sessions.findMany(asked, deps.clock.now())
        cache.confirm(asked, found, readStarted)
      }
    } catch (error) {
      deps.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'could not confirm the cached sessions; each is read again when next used',
      )
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
