import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { rateLimit } from '../middleware/rate-limit'
import { requireSession } from '../middleware/require-session'
import { sandboxPay } from '../services/sandbox-pay'
import { createSandboxSession } from '../services/sandbox-session'

/**
 * The sandbox routes, only when SANDBOX is on (404 otherwise), both reaching the simulator at the
 * origin of LIANKE_BASE_URL: `POST /api/sandbox/payments`, the sandbox cashier paying through the
 * simulator's wallet, and `POST /api/sandbox/sessions`, a login for the IDEs, whose own codes the
 * simulator cannot know (rate-limited like `POST /api/sessions`).
 */
export function sandboxRoutes(deps: AppDeps): Router<AppState> {
  const router = strictRouter()
  if (!deps.env.SANDBOX) return router
  const payDeps = {
    repository: deps.repository,
    simulatorOrigin: new URL(deps.env.LIANKE_BASE_URL).origin,
    fetch: deps.fetch,
    timeoutMs: deps.env.LIANKE_TIMEOUT_MS,
  }
  const sessionDeps = {
    ...payDeps,
    identity: deps.identity,
    clock: deps.clock,
    sessionTtlMs: deps.env.SESSION_TTL_HOURS * 3_600_000,
  }
  const limiter = deps.rateLimits.limiter(
    'sandbox-sessions',
    deps.env.RATE_LIMIT_SESSIONS_PER_MINUTE,
  )
  router.post(
    '/api/sandbox/sessions',
    rateLimit(limiter, (ctx) => ctx.ip),
    async (ctx) => {
      ctx.status = 201
      ctx.body = await createSandboxSession(sessionDeps, ctx.request.body)
    },
  )
  router.post('/api/sandbox/payments', requireSession(deps), async (ctx) => {
    if (ctx.state.session === undefined) throw errors.unauthenticated()
    ctx.body = await sandboxPay(payDeps, ctx.state.session, ctx.request.body)
  })
  return router
}
