import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Router } from '@koa/router'
import Koa from 'koa'

import type { AppDeps } from './app-deps'
import type { AppState } from './app-state'
import { sharedWithLanes, type SharedWithLanes } from './fast-lane/shared-with-lanes'
import { httpMetrics } from './metrics/http-metrics'
import { metricsRoutes } from './metrics/metrics-routes'
import { consoleFiles } from './middleware/console-files'
import { errorBoundary } from './middleware/error-boundary'
import { jsonBodies } from './middleware/json-bodies'
import { parsedBodies } from './middleware/parsed-bodies'
import { requestId } from './middleware/request-id'
import { requestLog } from './middleware/request-log'
import { securityHeaders } from './middleware/security-headers'
import { staticFiles } from './middleware/static-files'
import { openApiRoutes } from './openapi/openapi-routes'
import { adminRoutes } from './routes/admin'
import { configRoutes } from './routes/config-routes'
import { consoleRoutes } from './routes/console-routes'
import { doctorRoutes } from './routes/doctor-routes'
import { healthRoutes } from './routes/health-routes'
import { imageRoutes } from './routes/image-routes'
import { notifyRoutes } from './routes/notify'
import { oneRouter } from './routes/one-router'
import { orderRoutes } from './routes/order-routes'
import { productRoutes } from './routes/product-routes'
import { sandboxRoutes } from './routes/sandbox-routes'
import { sessionRoutes } from './routes/session-routes'
import { SettledCopies } from './services/settled-copies'

/**
 * Every router of the app, one per resource: `raw` ones read the request body themselves and are
 * mounted before the body parser, `parsed` ones after it. The OpenAPI document is checked against
 * this list.
 */
export function appRouters(
  deps: AppDeps,
  settledCopies: SettledCopies = new SettledCopies(),
): { raw: Router<AppState>[]; parsed: Router<AppState>[] } {
  return {
    raw: [notifyRoutes(deps, settledCopies)],
    parsed: [
      healthRoutes(deps),
      configRoutes(deps.env),
      sessionRoutes(deps),
      productRoutes(deps),
      imageRoutes(),
      orderRoutes(deps),
      sandboxRoutes(deps),
      adminRoutes(deps),
      consoleRoutes(deps),
      doctorRoutes(deps),
      metricsRoutes(deps.metrics),
      openApiRoutes(deps.env.PUBLIC_BASE_URL),
    ],
  }
}

/** The one path prefix of the `raw` routers (the aggregator's notifications). */
const RAW_PREFIX = '/notify/'

/**
 * Builds the Koa app (no port: tests drive `app.callback()`, main.ts listens). `shared` is what it
 * holds in common with the lanes in front of it (the security headers, the settled notification
 * copies); request-handler.ts builds it once for the app and the lanes.
 */
export function createApp(
  deps: AppDeps,
  shared: SharedWithLanes = sharedWithLanes(deps.env),
): Koa<AppState> {
  const hops = deps.env.TRUST_PROXY_HOPS
  const app = new Koa<AppState>({ proxy: hops > 0, maxIpsCount: hops })
  const limit = `${deps.env.JSON_BODY_LIMIT_KB}kb`
  app.use(requestId())
  app.use(httpMetrics(deps.metrics))
  app.use(requestLog(deps.requestLines, [deps.env.NOTIFY_SECRET, deps.env.ADMIN_TOKEN]))
  app.use(errorBoundary(deps.logger))
  app.use(securityHeaders(shared.helmet))
  const routers = appRouters(deps, shared.settledCopies)
  // Before the body parser: the notification route reads (and stores) the raw bytes itself. Only
  // requests under its prefix go through its router; every other request skips the match.
  const raw = oneRouter(routers.raw)
  app.use(async (ctx, next) => {
    // The router's own type wants the `params` it is about to set; Koa's context is what it gets.
    if (ctx.path.startsWith(RAW_PREFIX)) await raw(ctx as Parameters<typeof raw>[0], next)
    else await next()
  })
  app.use(jsonBodies())
  app.use(
    parsedBodies({
      enableTypes: ['json', 'form', 'text'],
      jsonLimit: limit,
      formLimit: limit,
      textLimit: limit,
      jsonStrict: true,
    }),
  )
  // The merchant console (apps/console/dist unless CONSOLE_DIR says otherwise) before the store,
  // whose SPA fallback would otherwise answer /console/… with the store's page.
  const consoleDir =
    deps.env.CONSOLE_DIR ?? fileURLToPath(new URL('../../console/dist', import.meta.url))
  if (existsSync(consoleDir)) app.use(consoleFiles(consoleDir))
  const staticDir = deps.env.STATIC_DIR
  if (staticDir !== undefined && existsSync(staticDir)) app.use(staticFiles(staticDir))
  app.use(oneRouter(routers.parsed))
  // Errors the boundary cannot see (a client that went away mid-stream) are only logged.
  app.on('error', (error: unknown) => {
    deps.logger.warn(
      { error: error instanceof Error ? error.message : String(error) },
      'stream error',
    )
  })
  return app
}
