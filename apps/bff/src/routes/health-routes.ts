import type { Router } from '@koa/router'

import { strictRouter } from './strict-router'
import type { AppState } from '../app-state'
import type { Repository } from '../store/repository'

/** `GET /healthz` (the process answers) and `GET /readyz` (the database answers, settings were valid). */
export function healthRoutes(deps: { repository: Repository }): Router<AppState> {
  const router = strictRouter()
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' }
  })
  router.get('/readyz', async (ctx) => {
    try {
      await deps.repository.ping()
      ctx.body = { status: 'ready', database: 'ok' }
    } catch {
      ctx.status = 503
      ctx.set('Retry-After', '2')
      ctx.body = { status: 'unavailable', database: 'unreachable' }
    }
  })
  return router
}
