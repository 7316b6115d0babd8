import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { rateLimit } from '../middleware/rate-limit'
import { createSession } from '../services/create-session'

/** `POST /api/sessions`: a platform login code for a session token; rate-limited per client IP. */
export function sessionRoutes(deps: AppDeps): Router<AppState> {
  const limiter = deps.rateLimits.limiter('sessions', deps.env.RATE_LIMIT_SESSIONS_PER_MINUTE)
  const router = strictRouter()
  router.post(
    '/api/sessions',
    rateLimit(limiter, (ctx) => ctx.ip),
    async (ctx) => {
      const session = await createSession(
        {
          repository: deps.repository,
          identity: deps.identity,
          clock: deps.clock,
          sessionTtlMs: deps.env.ms.sessionTtl,
        },
        ctx.request.body,
      )
      ctx.status = 201
      ctx.body = session
    },
  )
  return router
}
