import type { Middleware } from 'koa'

import type { AppState } from '../app-state'
import { onFirstUse } from '../on-first-use'

/** What the body parser is set up with (the options of @koa/bodyparser the app uses). */
export interface ParsedBodiesOptions {
  enableTypes: ('json' | 'form' | 'text')[]
  jsonLimit: string
  formLimit: string
  textLimit: string
  jsonStrict: boolean
}

/** The methods @koa/bodyparser parses by default; it passes every other request straight on. */
const PARSED_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/**
 * @koa/bodyparser, loaded on the first request it would parse. It passes GET, HEAD and the other
 * methods on untouched, so those never need it; loading it on demand keeps its module tree
 * (co-body, raw-body, iconv-lite's code tables) out of start-up (Start-up in
 * docs/performance.md). Every POST, PUT and PATCH goes through the parser itself, exactly as
 * when it was mounted directly.
 */
export function parsedBodies(options: ParsedBodiesOptions): Middleware<AppState> {
  const parser = onFirstUse(() =>
    import('@koa/bodyparser').then(({ bodyParser }) => bodyParser(options) as Middleware<AppState>),
  )
  return async (ctx, next) => {
    if (!PARSED_METHODS.has(ctx.method)) {
      await next()
      return
    }
    const parse = await parser()
    await parse(ctx, next)
  }
}
