import type { Clock } from '../clock'
import type { Logger } from '../logger'
import { startCacheConfirmer, type CacheConfirmer } from '../store/cache-confirmer'
import type { Repository } from '../store/repository'
import type { SessionCache } from './session-cache'

/** The background confirmation of the session cache; `stop` ends it. */
export type SessionConfirmer = CacheConfirmer

/**
 * Keeps the sessions in use confirmed (store/cache-confirmer.ts), read again with
 * `SessionStore.findMany`: a revoked session is refused within the cache's TTL, as with a read per
 * request. A failed read is logged; the entries age out and are read directly.
 */
export function startSessionConfirmer(
  cache: SessionCache,
  deps: { repository: Repository; clock: Clock; logger: Logger },
): SessionConfirmer {
  return startCacheConfirmer(cache, {
    readMany: (tokenHashes) => deps.repository.sessions.findMany(tokenHashes, deps.clock.now()),
    onFailure(error) {
      deps.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'could not confirm the cached sessions; each is read again when next used',
      )
    },
  })
}
