import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errors } from '../errors/errors'

/**
 * Answers 415 UNSUPPORTED_MEDIA_TYPE to a request that carries a body under `/api/` which is not
 * `application/json`, before any route reads it: an XML or form body would otherwise reach the
 * validation as an empty object and be answered with a misleading field error. Requests without a
 * body (a bare cancel) pass.
 */
export function jsonBodies(): Middleware<AppState> {
  return async (ctx, next) => {
    const body = requestHasBody(ctx.req.headers)
    if (body && ctx.path.startsWith('/api/') && ctx.is('application/json') === false)
      throw errors.unsupportedMediaType()
    await next()
  }
}

/** Whether a request with these headers carries a body (a length above 0, or chunked). */
export function requestHasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0
}
