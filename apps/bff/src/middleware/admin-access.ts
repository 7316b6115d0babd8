import type { Middleware } from 'koa'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { AppError } from '../errors/app-error'
import { errors } from '../errors/errors'
import { findConsoleSession } from '../services/console-sessions'
import { consoleCookieOf } from './console-cookie'
import { requireConsoleRequest } from './console-csrf'
import { requireAdmin } from './require-admin'

/**
 * Lets the merchant in by either door: `Authorization: Bearer <ADMIN_TOKEN>` (scripts; checked
 * alone when the header is present) or the console's session cookie, whose state-changing calls
 * must also pass the CSRF check. 401 otherwise. Each 401 spends a token of the client address's
 * bucket (RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE); while it is empty every admin request from there,
 * right token or not, is 429, so the token cannot be guessed at speed.
 */
export function adminAccess(deps: AppDeps): Middleware<AppState> {
  const bearer = requireAdmin(deps.env.ADMIN_TOKEN)
  const csrf = requireConsoleRequest(deps.env.PUBLIC_BASE_URL)
  const sessions = {
    repository: deps.repository,
    clock: deps.clock,
    adminToken: deps.env.ADMIN_TOKEN,
  }
  const failures = deps.rateLimits.limiter(
    'admin-failures',
    deps.env.RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE,
  )
  const refused = (error: unknown): boolean =>
    error instanceof AppError && error.status === 401 && error.code === 'UNAUTHENTICATED'
  return async (ctx, next) => {
    const verdict = await failures.peek(ctx.ip)
    if (!verdict.allowed) throw errors.rateLimited(verdict.retryAfterSeconds)
    try {
      if (ctx.get('authorization') !== '') {
        await bearer(ctx, next)
        return
      }
      const expiry = await findConsoleSession(sessions, consoleCookieOf(ctx))
      if (expiry === undefined) throw errors.adminUnauthenticated()
      await csrf(ctx, next)
    } catch (error) {
      if (refused(error)) await failures.take(ctx.ip)
      throw error
    }
  }
}
