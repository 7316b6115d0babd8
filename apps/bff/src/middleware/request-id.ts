import { randomUUID } from 'node:crypto'

import type { Middleware } from 'koa'

import type { AppState } from '../app-state'

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

/** Takes a sane incoming `X-Request-Id` or makes one, and echoes it on the answer. */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id')
    ctx.state.requestId = SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
    ctx.set('X-Request-Id', ctx.state.requestId)
    await next()
  }
}
