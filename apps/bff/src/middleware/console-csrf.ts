import type { Context, Middleware } from 'koa'

import type { AppState } from '../app-state'
import { consoleErrors } from '../errors/console-errors'

/** The header the console sends with every call; a cross-origin page cannot add it without CORS. */
export const CONSOLE_HEADER = 'x-console-request'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * True when a cookie-carrying request comes from the console itself: it has the console's custom
 * header (a cross-origin form or fetch cannot send one: the BFF answers no CORS preflight), its
 * `Origin`, when sent, is the BFF's own (PUBLIC_BASE_URL's or the one the request reached), and
 * the browser does not label it cross-site. The SameSite=Strict cookie is the first line; this is
 * the second, for browsers or proxies that get SameSite wrong.
 */
export function isConsoleRequest(ctx: Context, publicBaseUrl: string): boolean {
  if (ctx.get(CONSOLE_HEADER) !== '1') return false
  const origin = ctx.get('origin')
  if (origin !== '') {
    const allowed = new Set([new URL(publicBaseUrl).origin, `${ctx.protocol}://${ctx.host}`])
    if (!allowed.has(origin)) return false
  }
  const site = ctx.get('sec-fetch-site')
  return site === '' || site === 'same-origin'
}

/** Refuses a state-changing request that is not a console request (403 CSRF_REJECTED). */
export function requireConsoleRequest(publicBaseUrl: string): Middleware<AppState> {
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method) && !isConsoleRequest(ctx, publicBaseUrl)) {
      throw consoleErrors.csrfRejected()
    }
    await next()
  }
}
