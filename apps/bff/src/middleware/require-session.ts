import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Clock } from '../clock'
import { authenticate } from '../services/authenticate'
import type { SessionCache } from '../services/session-cache'
import type { Repository } from '../store/repository'

/**
 * Puts the caller's session on `ctx.state.session`, or answers 401 UNAUTHENTICATED. Sessions come
 * from the app's `SessionCache` while a read started less than a second ago found them: a revoked
 * session is refused within that time.
 */
export function requireSession(deps: {
  repository: Repository
  clock: Clock
  sessions: SessionCache
}): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.session = await authenticate(deps, ctx.get('authorization') || undefined)
    await next()
  }
}
