import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { SessionRecord } from '../store/records'
import type { Repository } from '../store/repository'
import { hashSessionToken } from './session-tokens'

/** The scheme is case-insensitive (RFC 7235), as the admin routes already read it. */
const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/i

/** Resolves an `Authorization: Bearer <token>` header to a live session, or throws UNAUTHENTICATED. */
export async function authenticate(
  deps: { repository: Repository; clock: Clock },
  authorization: string | undefined,
): Promise<SessionRecord> {
  const match = BEARER.exec(authorization ?? '')
  if (match?.[1] === undefined) throw errors.unauthenticated()
  const session = await deps.repository.sessions.find(hashSessionToken(match[1]), deps.clock.now())
  if (session === undefined) throw errors.unauthenticated()
  return session
}
