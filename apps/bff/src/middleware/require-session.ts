import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Clock } from '../clock'
import { authenticate } from '../services/authenticate'
import { SessionCache } from '../services/session-cache'
import type { Repository } from '../store/repository'

/**
 * Puts the caller's session on `ctx.state.session`, or answers 401 UNAUTHENTICATED. Sessions are
 * cached for at most a second (`SessionCache`): a revoked session is refused within that time.
 */
export function requireSession(deps: {
  repository: Repository
  clock: Clock
}): Middleware<AppState> {
  const withCache = { ...deps, sessions: new SessionCache() }
  return async (ctx, next) => {
    ctx.state.session = await authenticate(withCache, ctx.get('authorization') || undefined)
    await next()
  }
}
