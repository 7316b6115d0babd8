import { createSessionRequestSchema, type Session } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { IdentityProvider } from '../identity/identity-provider'
import type { Repository } from '../store/repository'
import { hashSessionToken, newSessionToken } from './session-tokens'

/** What creating a session needs. */
export interface CreateSessionDeps {
  repository: Repository
  identity: IdentityProvider
  clock: Clock
  sessionTtlMs: number
}

/**
 * `POST /api/sessions`: exchanges the platform code for the payer id (and the appid that issued
 * it), then stores a new session under the SHA-256 of a random token. Codes are never cached.
 */
export async function createSession(deps: CreateSessionDeps, body: unknown): Promise<Session> {
  const parsed = createSessionRequestSchema.safeParse(body)
  if (!parsed.success) throw errors.validation(parsed.error)
  const { channel, code } = parsed.data
  const identity = await deps.identity.resolve(channel, code)
  const token = newSessionToken()
  const now = deps.clock.now()
  const expiresAt = now + deps.sessionTtlMs
  await deps.repository.sessions.insert({
    token_hash: hashSessionToken(token),
    channel,
    payer_id: identity.payerId,
    appid: identity.appid,
    created_at: now,
    expires_at: expiresAt,
  })
  return { token, expires_at: new Date(expiresAt).toISOString(), channel }
}
