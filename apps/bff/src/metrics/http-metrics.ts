import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Metrics } from './create-metrics'

/**
 * Times every request and counts it by the matched route pattern (`/notify/lianke/:secret`, never
 * the secret itself); unmatched paths share one label so scanners cannot blow up the label set.
 */
export function httpMetrics(metrics: Metrics): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute
      metrics.observeHttp(
        {
          method: ctx.method,
          route: typeof matched === 'string' ? matched : 'unmatched',
          status: ctx.status,
        },
        (performance.now() - started) / 1000,
      )
    }
  }
}
