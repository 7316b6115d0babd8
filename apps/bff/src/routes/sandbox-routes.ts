import { Router } from '@koa/router'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { requireSession } from '../middleware/require-session'
import { sandboxPay } from '../services/sandbox-pay'

/**
 * `POST /api/sandbox/payments`, only when SANDBOX is on (404 otherwise): the sandbox cashier pays
 * through the simulator's wallet, found at the origin of LIANKE_BASE_URL.
 */
export function sandboxRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>()
  if (!deps.env.SANDBOX) return router
  const payDeps = {
    repository: deps.repository,
    simulatorOrigin: new URL(deps.env.LIANKE_BASE_URL).origin,
    fetch: deps.fetch,
    timeoutMs: deps.env.LIANKE_TIMEOUT_MS,
  }
  router.post('/api/sandbox/payments', requireSession(deps), async (ctx) => {
    if (ctx.state.session === undefined) throw errors.unauthenticated()
    ctx.body = await sandboxPay(payDeps, ctx.state.session, ctx.request.body)
  })
  return router
}
