import { createHmac, randomBytes } from 'node:crypto'

import { consoleLoginRequestSchema } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { Repository } from '../store/repository'
import { secretMatcher } from './secret-matcher'

/** How long a console session lasts: a working day, then the merchant enters the token again. */
export const CONSOLE_SESSION_TTL_MS = 12 * 60 * 60 * 1000

/** What console sessions need. */
export interface ConsoleSessionDeps {
  repository: Repository
  clock: Clock
  adminToken: string
}

/**
 * The stored form of a cookie token: an HMAC keyed with the admin token. A database dump cannot
 * forge or replay a session, and changing ADMIN_TOKEN ends every session at once.
 */
function tokenHash(adminToken: string, token: string): string {
  return createHmac('sha256', adminToken).update(token).digest('hex')
}

/** True when `given` is the admin token (constant time: `secretMatcher`). */
export function isAdminToken(adminToken: string, given: string): boolean {
  return secretMatcher(adminToken)(given)
}

/**
 * Exchanges the admin token for a console session: 32 random bytes (the cookie's value) stored
 * only as their keyed hash, with an expiry. UNAUTHENTICATED for a wrong token.
 */
export async function openConsoleSession(
  deps: ConsoleSessionDeps,
  body: unknown,
): Promise<{ token: string; expiresAt: number }> {
  const parsed = consoleLoginRequestSchema.safeParse(body)
  if (!parsed.success) throw errors.validation(parsed.error)
  if (!isAdminToken(deps.adminToken, parsed.data.token)) throw errors.adminUnauthenticated()
  const now = deps.clock.now()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = now + CONSOLE_SESSION_TTL_MS
  await deps.repository.consoleSessions.deleteExpired(now)
  await deps.repository.consoleSessions.insert({
    token_hash: tokenHash(deps.adminToken, token),
    created_at: now,
    expires_at: expiresAt,
  })
  return { token, expiresAt }
}

/** When the console session of this cookie token expires, or undefined if it is unknown or over. */
export async function findConsoleSession(
  deps: ConsoleSessionDeps,
  token: string,
): Promise<number | undefined> {
  if (token === '') return undefined
  return deps.repository.consoleSessions.findExpiry(
    tokenHash(deps.adminToken, token),
    deps.clock.now(),
  )
}

/** Ends a console session (logout); the same cookie is refused from then on. */
export async function closeConsoleSession(deps: ConsoleSessionDeps, token: string): Promise<void> {
  if (token === '') return
  await deps.repository.consoleSessions.delete(tokenHash(deps.adminToken, token))
}
