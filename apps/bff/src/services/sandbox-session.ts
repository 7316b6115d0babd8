import {
  loginCodeResponseSchema,
  sandboxSessionRequestSchema,
  type Session,
} from '@quickpay/contracts'

import { errors } from '../errors/errors'
import { createSession, type CreateSessionDeps } from './create-session'

/** What a sandbox session needs: session creation and where the simulator lives. */
export interface SandboxSessionDeps extends CreateSessionDeps {
  simulatorOrigin: string
  fetch: typeof fetch
  timeoutMs: number
}

/** The simulator user every sandbox session of a channel logs in as, so its orders persist across IDE runs. */
export const SANDBOX_SHOPPER = 'sandbox-ide-shopper'

/**
 * `POST /api/sandbox/sessions` (sandbox only): WeChat DevTools and the Alipay IDE hand out login
 * codes the simulator never minted, so the store falls back to this. The BFF has the simulator
 * mint a code for the channel's sandbox shopper and exchanges it through the ordinary login path,
 * so the session is made exactly as a real one is.
 */
export async function createSandboxSession(
  deps: SandboxSessionDeps,
  body: unknown,
): Promise<Session> {
  const parsed = sandboxSessionRequestSchema.safeParse(body)
  if (!parsed.success) throw errors.validation(parsed.error)
  const { channel } = parsed.data
  let response: Response
  try {
    response = await deps.fetch(new URL('/__sim/login-codes', deps.simulatorOrigin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, user: SANDBOX_SHOPPER }),
      signal: AbortSignal.timeout(deps.timeoutMs),
    })
  } catch (error) {
    throw errors.upstreamUnavailable(error)
  }
  const minted = loginCodeResponseSchema.safeParse(await response.json().catch(() => undefined))
  if (!response.ok || !minted.success) throw errors.upstreamUnavailable(minted.error)
  return createSession(deps, { channel, code: minted.data.code })
}
