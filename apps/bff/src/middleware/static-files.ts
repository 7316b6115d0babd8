import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'

import type { Middleware } from 'koa'

import type { AppState } from '../app-state'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** Paths that belong to the API, never to the store. */
const API_PREFIXES = ['/api/', '/notify/', '/images/', '/__']
const API_PATHS = new Set(['/api', '/healthz', '/readyz', '/metrics', '/openapi.json'])

/** A content hash in the file name (`app.3f9a1c2b.js`) means the file never changes. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i

async function fileAt(path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const info = await stat(path)
    return info.isFile() ? { path, size: info.size } : undefined
  } catch {
    return undefined
  }
}

/**
 * Serves the built H5 store from `root` for GET/HEAD outside the API, with an SPA fallback to
 * index.html for page routes. Paths are decoded and must stay inside `root` (no traversal).
 */
export function staticFiles(root: string): Middleware<AppState> {
  const base = resolve(root)
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next()
      return
    }
    if (API_PATHS.has(ctx.path) || API_PREFIXES.some((prefix) => ctx.path.startsWith(prefix))) {
      {
        await next()
        return
      }
    }
    let relative: string
    try {
      relative = decodeURIComponent(ctx.path)
    } catch {
      {
        await next()
        return
      }
    }
    if (relative.includes('\0')) {
      await next()
      return
    }
    const candidate = resolve(join(base, relative))
    if (candidate !== base && !candidate.startsWith(base + sep)) {
      await next()
      return
    }
    let file = await fileAt(candidate === base ? join(base, 'index.html') : candidate)
    if (file === undefined && extname(relative) === '')
      file = await fileAt(join(base, 'index.html'))
    if (file === undefined) {
      await next()
      return
    }
    const ext = extname(file.path).toLowerCase()
    ctx.type = CONTENT_TYPES[ext] ?? 'application/octet-stream'
    ctx.set(
      'Cache-Control',
      ext === '.html'
        ? 'no-cache'
        : HASHED.test(file.path)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
    )
    ctx.length = file.size
    if (ctx.method === 'HEAD') ctx.status = 200
    else ctx.body = createReadStream(file.path)
  }
}
