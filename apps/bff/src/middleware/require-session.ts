import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Clock } from '../clock'
import { authenticate } from '../services/authenticate'
import type { Repository } from '../store/repository'

/** Puts the caller's session on `ctx.state.session`, or answers 401 UNAUTHENTICATED. */
export function requireSession(deps: {
  repository: Repository
  clock: Clock
}): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.session = await authenticate(deps, ctx.get('authorization') || undefined)
    await next()
  }
}
