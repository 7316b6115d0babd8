import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import type { SessionCache } from './session-cache'
import { hashSessionToken } from './session-tokens'

/** The scheme is case-insensitive (RFC 7235), as the admin routes already read it. */
const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/i

/**
 * Resolves an `Authorization: Bearer <token>` header to a live session, or throws UNAUTHENTICATED;
 * a session that a read started less than a second ago found is answered from `sessions`.
 */
export async function authenticate(
  deps: { repository: Repository; clock: Clock; sessions: SessionCache },
  authorization: string | undefined,
): Promise<SessionRecord> {
  const match = BEARER.exec(authorization ?? '')
  if (match?.[1] === undefined) throw errors.unauthenticated()
  const tokenHash = hashSessionToken(match[1])
  const now = deps.clock.now()
  const cached = deps.sessions.find(tokenHash, now)
  if (cached !== undefined) return cached
  const readStarted = deps.sessions.readStarted()
  const session = await deps.repository.sessions.find(tokenHash, now)
  if (session === undefined) throw errors.unauthenticated()
  deps.sessions.store(tokenHash, session, readStarted)
  return session
}
