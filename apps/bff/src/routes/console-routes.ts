import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { adminAccess } from '../middleware/admin-access'
import { consoleCookieOf, setConsoleCookie } from '../middleware/console-cookie'
import { requireConsoleRequest } from '../middleware/console-csrf'
import { rateLimit } from '../middleware/rate-limit'
import { adminStats } from '../services/admin-stats'
import { timelinePage } from '../services/admin-timeline'
import {
  closeConsoleSession,
  findConsoleSession,
  openConsoleSession,
} from '../services/console-sessions'
import { markReviewed } from '../services/mark-reviewed'
import { integerParam } from './admin-query'

/** Login attempts per client address and minute: the token is long, but guesses cost nothing. */
const LOGINS_PER_MINUTE = 10

/**
 * What the merchant console needs beyond the order routes of src/routes/admin.ts: its cookie
 * session (`/api/admin/session`), an order's timeline a page at a time, "mark reviewed" and the
 * overview's statistics. Every route but the login takes the Bearer token as well.
 */
export function consoleRoutes(deps: AppDeps): Router<AppState> {
  const router = strictRouter()
  const admin = adminAccess(deps)
  const csrf = requireConsoleRequest(deps.env.PUBLIC_BASE_URL)
  const secure = deps.env.PUBLIC_BASE_URL.startsWith('https:')
  const sessions = {
    repository: deps.repository,
    clock: deps.clock,
    adminToken: deps.env.ADMIN_TOKEN,
  }
  const limiter = deps.rateLimits.limiter('console-logins', LOGINS_PER_MINUTE)

  router.post(
    '/api/admin/session',
    rateLimit(limiter, (ctx) => ctx.ip),
    csrf,
    async (ctx) => {
      const { token, expiresAt } = await openConsoleSession(sessions, ctx.request.body)
      setConsoleCookie(ctx, { token, expiresAt, now: deps.clock.now() }, secure)
      ctx.status = 201
      ctx.body = { expires_at: new Date(expiresAt).toISOString() }
    },
  )

  router.get('/api/admin/session', async (ctx) => {
    const expiresAt = await findConsoleSession(sessions, consoleCookieOf(ctx))
    if (expiresAt === undefined) throw errors.adminUnauthenticated()
    ctx.body = { expires_at: new Date(expiresAt).toISOString() }
  })

  router.delete('/api/admin/session', csrf, async (ctx) => {
    await closeConsoleSession(sessions, consoleCookieOf(ctx))
    setConsoleCookie(ctx, undefined, secure)
    ctx.status = 204
  })

  router.get('/api/admin/orders/:order_no/events', admin, async (ctx) => {
    ctx.body = await timelinePage(deps.repository, ctx.params.order_no ?? '', {
      after: integerParam(ctx.query.after, 'after', 0, { min: 0, max: Number.MAX_SAFE_INTEGER }),
      limit: integerParam(ctx.query.limit, 'limit', 100, { min: 1, max: 500 }),
    })
  })

  router.post('/api/admin/orders/:order_no/review', admin, async (ctx) => {
    ctx.body = await markReviewed(deps, ctx.params.order_no ?? '', ctx.request.body)
  })

  router.get('/api/admin/stats', admin, async (ctx) => {
    ctx.body = await adminStats(
      { repository: deps.repository, clock: deps.clock, registry: deps.metrics.registry },
      // China Standard Time unless the console says where the merchant is.
      integerParam(ctx.query.utc_offset_minutes, 'utc_offset_minutes', 480, {
        min: -720,
        max: 840,
      }),
    )
  })
  return router
}
