import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import type { Logger } from '../logger'
import { pathScrubber } from './safe-path'

/**
 * Logs one line per request: method, path (any segment holding one of `secrets` blanked, see
 * safe-path.ts), status, duration, request id.
 *
 * `lines` writes without the redaction the app's logger applies to every other line (and
 * buffered, see `createRequestLineLogger` in logger.ts): redaction walks 27 paths through each
 * logged object, which cost about 10 µs a line (most of this middleware, and several percent of a
 * cheap request's CPU), while these five fields are built here and can hold nothing it would
 * blank: the path is scrubbed by `pathScrubber`, and the request id is a UUID or a value
 * `request-id.ts` checked against a narrow pattern.
 */
export function requestLog(lines: Logger, secrets: readonly string[]): Middleware<AppState> {
  const scrub = pathScrubber(secrets)
  return async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      lines.info(
        {
          request_id: ctx.state.requestId,
          method: ctx.method,
          path: scrub(ctx.path),
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      )
    }
  }
}
