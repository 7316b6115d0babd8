import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Logger } from '../logger'
import { safePath } from './safe-path'

/** Logs one line per request: method, path (secrets blanked), status, duration, request id. */
export function requestLog(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      logger.info(
        {
          request_id: ctx.state.requestId,
          method: ctx.method,
          path: safePath(ctx.path),
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  }
}
