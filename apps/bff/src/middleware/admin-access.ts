import type { Middleware } from 'koa'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { findConsoleSession } from '../services/console-sessions'
import { consoleCookieOf } from './console-cookie'
import { requireConsoleRequest } from './console-csrf'
import { requireAdmin } from './require-admin'

/**
 * Lets the merchant in by either door: `Authorization: Bearer <ADMIN_TOKEN>` (scripts; checked
 * alone when the header is present) or the console's session cookie, whose state-changing calls
 * must also pass the CSRF check. 401 otherwise.
 */
export function adminAccess(deps: AppDeps): Middleware<AppState> {
  const bearer = requireAdmin(deps.env.ADMIN_TOKEN)
  const csrf = requireConsoleRequest(deps.env.PUBLIC_BASE_URL)
  const sessions = {
    repository: deps.repository,
    clock: deps.clock,
    adminToken: deps.env.ADMIN_TOKEN,
  }
  return async (ctx, next) => {
    if (ctx.get('authorization') !== '') {
      await bearer(ctx, next)
      return
    }
    const expiry = await findConsoleSession(sessions, consoleCookieOf(ctx))
    if (expiry === undefined) throw errors.adminUnauthenticated()
    await csrf(ctx, next)
  }
}
