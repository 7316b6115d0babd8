import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { staticFiles } from './static-files'

/** Where the console is served. */
export const CONSOLE_PREFIX = '/console'

/**
 * Serves the built merchant console (apps/console/dist) under `/console/` through the store's
 * static-file middleware, with its SPA fallback for the console's client routes. `/console`
 * redirects to `/console/` so relative asset URLs resolve.
 */
export function consoleFiles(root: string): Middleware<AppState> {
  const files = staticFiles(root)
  return async (ctx, next) => {
    if (ctx.path === CONSOLE_PREFIX && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.status = 308
      ctx.redirect(`${CONSOLE_PREFIX}/`)
      return
    }
    if (!ctx.path.startsWith(`${CONSOLE_PREFIX}/`)) {
      await next()
      return
    }
    const original = ctx.path
    ctx.path = original.slice(CONSOLE_PREFIX.length)
    let served = true
    try {
      await files(ctx, () => {
        served = false
        return Promise.resolve()
      })
    } finally {
      ctx.path = original
    }
    // Nothing of the console's at that path: an unknown file under /console/ is a 404, never
    // the H5 store's page.
    if (!served) throw errors.notFound()
  }
}
