import { existsSync } from 'node:fs'

import { bodyParser } from '@koa/bodyparser'
import type { Router } from '@koa/router'
import Koa from 'koa'

import type { AppDeps } from './app-deps'
import type { AppState } from './app-state'
import { httpMetrics } from './metrics/http-metrics'
import { metricsRoutes } from './metrics/metrics-routes'
import { errorBoundary } from './middleware/error-boundary'
import { requestId } from './middleware/request-id'
import { requestLog } from './middleware/request-log'
import { staticFiles } from './middleware/static-files'
import { openApiRoutes } from './openapi/openapi-routes'
import { adminRoutes } from './routes/admin'
import { configRoutes } from './routes/config-routes'
import { healthRoutes } from './routes/health-routes'
import { imageRoutes } from './routes/image-routes'
import { notifyRoutes } from './routes/notify'
import { orderRoutes } from './routes/order-routes'
import { productRoutes } from './routes/product-routes'
import { sandboxRoutes } from './routes/sandbox-routes'
import { sessionRoutes } from './routes/session-routes'

/**
 * Every router of the app: `raw` ones read the request body themselves and are mounted before
 * the body parser, `parsed` ones after it. The OpenAPI document is checked against this list.
 */
export function appRouters(deps: AppDeps): { raw: Router<AppState>[]; parsed: Router<AppState>[] } {
  return {
    raw: [notifyRoutes(deps)],
    parsed: [
      healthRoutes(deps),
      configRoutes(deps.env),
      sessionRoutes(deps),
      productRoutes(deps),
      imageRoutes(),
      orderRoutes(deps),
      sandboxRoutes(deps),
      adminRoutes(deps),
      metricsRoutes(deps.metrics),
      openApiRoutes(deps.env.PUBLIC_BASE_URL),
    ],
  }
}

/** Builds the Koa app (no port: tests drive `app.callback()`, main.ts listens). */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.env.TRUST_PROXY })
  const limit = `${deps.env.JSON_BODY_LIMIT_KB}kb`
  app.use(requestId())
  app.use(httpMetrics(deps.metrics))
  app.use(requestLog(deps.logger))
  app.use(errorBoundary(deps.logger))
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff')
    await next()
  })
  const routers = appRouters(deps)
  // Before the body parser: the notification route reads (and stores) the raw bytes itself.
  for (const router of routers.raw) app.use(router.routes())
  app.use(
    bodyParser({
      enableTypes: ['json', 'form', 'text'],
      jsonLimit: limit,
      formLimit: limit,
      textLimit: limit,
      jsonStrict: true,
    }),
  )
  const staticDir = deps.env.STATIC_DIR
  if (staticDir !== undefined && existsSync(staticDir)) app.use(staticFiles(staticDir))
  for (const router of routers.parsed) app.use(router.routes())
  // Errors the boundary cannot see (a client that went away mid-stream) are only logged.
  app.on('error', (error: unknown) => {
    deps.logger.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'stream error',
    )
  })
  return app
}
