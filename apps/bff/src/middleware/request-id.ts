import { randomUUID } from 'node:crypto'

import type { Middleware } from 'koa'

import type { AppState } from '../app-state'

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/

/** The request id of a request whose `X-Request-Id` is `incoming`: that value if sane, else a new UUID. */
export function chooseRequestId(incoming: string | undefined): string {
  return incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/** Takes a sane incoming `X-Request-Id` or makes one, and echoes it on the answer. */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.requestId = chooseRequestId(ctx.get('x-request-id'))
    ctx.set('X-Request-Id', ctx.state.requestId)
    await next()
  }
}
