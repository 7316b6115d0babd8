import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Logger } from '../logger'
import { safePath } from './safe-path'

/**
 * Logs one line per request: method, path (any segment holding one of `secrets` blanked, see
 * safe-path.ts), status, duration, request id.
 */
export function requestLog(logger: Logger, secrets: readonly string[]): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      logger.info(
        {
          request_id: ctx.state.requestId,
          method: ctx.method,
          path: safePath(ctx.path, secrets),
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  }
}
