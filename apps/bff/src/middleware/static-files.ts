import { extname, resolve } from 'node:path'

import { send } from '@koa/send'
import type { Middleware } from 'koa'

import type { AppState } from '../app-state'

/** Paths that belong to the API, never to the store. */
const API_PREFIXES = ['/api/', '/notify/', '/images/', '/__']
const API_PATHS = new Set(['/api', '/healthz', '/readyz', '/metrics', '/openapi.json'])

/** A content hash in the file name (`app.3f9a1c2b.js`) means the file never changes. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i

/** How long a file may be cached: HTML never without asking, hashed assets a year, others 5 min. */
function cacheControl(file: string): string {
  const served = file.replace(/\.(br|gz)$/, '')
  if (extname(served) === '.html') return 'no-cache'
  return HASHED.test(served) ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
}

/** True for @koa/send's refusals: undecodable (400), outside the root (403), missing (404). */
function isRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return status === 400 || status === 403 || status === 404
}

/**
 * Serves the built H5 store from `root` for GET/HEAD outside the API with @koa/send (decoding,
 * confinement to `root`, precompressed files), and adds what it does not do: the SPA fallback to
 * index.html for page routes (paths without an extension) and the cache rules of cacheControl.
 */
export function staticFiles(root: string): Middleware<AppState> {
  const options = {
    root: resolve(root),
    index: 'index.html',
    setHeaders: (res: { setHeader(name: string, value: string): unknown }, file: string) =>
      res.setHeader('Cache-Control', cacheControl(file)),
  }
  const sendFile = async (ctx: Parameters<typeof send>[0], path: string) => {
    try {
      return (await send(ctx, path, options)) !== undefined
    } catch (error) {
      if (isRefusal(error)) return false
      throw error
    }
  }
  return async (ctx, next) => {
    const store =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      !API_PATHS.has(ctx.path) &&
      !API_PREFIXES.some((prefix) => ctx.path.startsWith(prefix))
    if (store && (await sendFile(ctx, ctx.path))) return
    if (store && extname(ctx.path) === '' && (await sendFile(ctx, '/index.html'))) return
    await next()
  }
}
