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

/** What @koa/send made of a path: served, missing (404), or refused (undecodable 400, outside the root 403). */
type Sent = 'served' | 'missing' | 'refused'

function refusalOf(error: unknown): Sent | undefined {
  const status = (error as { status?: unknown } | null)?.status
  if (status === 404) return 'missing'
  return status === 400 || status === 403 ? 'refused' : undefined
}

/**
 * Serves the built H5 store from `root` for GET/HEAD outside the API with @koa/send (decoding,
 * confinement to `root`, precompressed files), and adds what it does not do: the SPA fallback to
 * index.html for page routes (paths without an extension), the cache rules of cacheControl and
 * `Vary: Accept-Encoding`.
 */
export function staticFiles(root: string): Middleware<AppState> {
  const options = {
    root: resolve(root),
    index: 'index.html',
    setHeaders: (res: { setHeader(name: string, value: string): unknown }, file: string) => {
      res.setHeader('Cache-Control', cacheControl(file))
      // A file may have precompressed copies (the console's `.br` and `.gz`): which one is sent
      // depends on Accept-Encoding, so a shared cache must key on it.
      res.setHeader('Vary', 'Accept-Encoding')
    },
  }
  const sendFile = async (ctx: Parameters<typeof send>[0], path: string): Promise<Sent> => {
    try {
      return (await send(ctx, path, options)) !== undefined ? 'served' : 'missing'
    } catch (error) {
      const refusal = refusalOf(error)
      if (refusal === undefined) throw error
      return refusal
    }
  }
  return async (ctx, next) => {
    const store =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      !API_PATHS.has(ctx.path) &&
      !API_PREFIXES.some((prefix) => ctx.path.startsWith(prefix))
    if (!store) {
      await next()
      return
    }
    const sent = await sendFile(ctx, ctx.path)
    if (sent === 'served') return
    // Only a page route that is simply not a file gets the SPA's index.html; a path that tries to
    // leave the root, or cannot be decoded, gets nothing (the 404 of an unknown route).
    if (sent === 'missing' && extname(ctx.path) === '') {
      if ((await sendFile(ctx, '/index.html')) === 'served') return
    }
    await next()
  }
}
