import type { Router } from '@koa/router'

import { strictRouter } from '../routes/strict-router'
import type { AppState } from '../app-state'
import type { Metrics } from './create-metrics'

/** `GET /metrics`: the app's registry in the Prometheus text format. */
export function metricsRoutes(metrics: Metrics): Router<AppState> {
  const router = strictRouter()
  router.get('/metrics', async (ctx) => {
    const text = await metrics.registry.metrics()
    ctx.type = metrics.registry.contentType
    ctx.body = text
  })
  return router
}
