import type { Logger } from '../logger'
import type { Repository } from '../store/repository'

/** How often the reconciler sweeps expired sessions and idempotency records. */
export const SWEEP_EVERY_MS = 10 * 60_000

/**
 * Deletes sessions past their expiry and idempotency records past theirs (kept at least 72 h,
 * IDEMPOTENCY_TTL_HOURS), so neither table grows without bound. Orders, their timelines and raw
 * notifications are never swept: they are the merchant's records.
 */
export async function sweepExpired(
  deps: { repository: Repository; logger: Logger },
  now: number,
): Promise<{ sessions: number; idempotencyKeys: number }> {
  const sessions = await deps.repository.sessions.deleteExpired(now)
  const idempotencyKeys = await deps.repository.idempotency.deleteExpired(now)
  if (sessions + idempotencyKeys > 0) {
    deps.logger.info({ sessions, idempotency_keys: idempotencyKeys }, 'swept expired records')
  }
  return { sessions, idempotencyKeys }
}
