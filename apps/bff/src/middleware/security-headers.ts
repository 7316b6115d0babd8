import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { IncomingMessage, ServerResponse } from 'node:http'

import helmet from 'helmet'
import type { Middleware } from 'koa'

import type { AppState } from '../app-state'

/** How the security headers are set for one deployment. */
export interface SecurityHeadersOptions {
  /** HSTS is sent only when the public URL is https (a browser ignores it over http anyway). */
  https: boolean
  /** The H5 store's folder: the hashes of its index.html's inline scripts join the CSP. */
  staticDir: string | undefined
  /** `report-only` for watch builds, whose dev tooling the policy would block. */
  mode: 'enforce' | 'report-only'
}

/**
 * The hashes (`'sha256-…'`) of the inline scripts in the store's index.html. Taro inlines a small
 * script that sets the root font size for its rem units; a hash admits exactly that script and
 * nothing injected beside it, which `'unsafe-inline'` would not.
 */
export function inlineScriptHashes(staticDir: string | undefined): string[] {
  if (staticDir === undefined) return []
  let html: string
  try {
    html = readFileSync(join(staticDir, 'index.html'), 'utf8')
  } catch {
    return []
  }
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  )
}

/** The security header options of a deployment with these settings (env.ts). */
export function securityHeadersOptions(env: {
  PUBLIC_BASE_URL: string
  STATIC_DIR?: string | undefined
  CONTENT_SECURITY_POLICY: SecurityHeadersOptions['mode']
}): SecurityHeadersOptions {
  return {
    https: env.PUBLIC_BASE_URL.startsWith('https:'),
    staticDir: env.STATIC_DIR,
    mode: env.CONTENT_SECURITY_POLICY,
  }
}

/** One deployment's helmet settings (see `securityHeaders`). */
export function helmetOptions(options: SecurityHeadersOptions): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: options.mode === 'report-only',
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(options.staticDir)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.https
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  }
}

/**
 * A CSP directive that is a function (a nonce, say) must be worked out per request; recorded once
 * it would be the same on every answer, so `recordHelmetHeaders` refuses it.
 */
export function refusePerRequestDirectives(settings: Parameters<typeof helmet>[0]): void {
  const csp = settings?.contentSecurityPolicy
  const directives = typeof csp === 'object' ? (csp.directives ?? {}) : {}
  for (const [name, value] of Object.entries(directives)) {
    const values: unknown[] = Array.isArray(value) ? value : [value]
    if (values.some((item) => typeof item === 'function')) {
      throw new Error(`CSP directive ${name} depends on the request: it cannot be recorded once`)
    }
  }
}

/** What helmet does to every answer: the headers it sets, in order, and the ones it removes. */
export interface HelmetHeaders {
  set: (readonly [name: string, value: string])[]
  removed: string[]
}

/**
 * Runs helmet once, at start, against a response that only records what is done to it. Helmet's
 * headers depend on its options alone unless a directive is a function of the request (a CSP
 * nonce), which these options never use; so every answer can get the recorded list instead of
 * going through helmet's dozen middleware functions again. A helmet that did not answer at once,
 * or answered with an error, is refused at start.
 */
export function recordHelmetHeaders(options: SecurityHeadersOptions): HelmetHeaders {
  const settings = helmetOptions(options)
  refusePerRequestDirectives(settings)
  const recorded: HelmetHeaders = { set: [], removed: [] }
  const response = {
    setHeader(name: string, value: unknown) {
      recorded.set.push([name, String(value)])
      return response
    },
    removeHeader(name: string) {
      recorded.removed.push(name)
    },
  }
  const outcome = { answered: false, error: undefined as unknown }
  helmet(settings)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      outcome.answered = true
      outcome.error = error
    },
  )
  if (!outcome.answered) throw new Error('helmet did not set its headers synchronously')
  if (outcome.error !== undefined) {
    throw new Error('helmet refused its options', { cause: outcome.error })
  }
  return recorded
}

/**
 * Browser security headers for every answer, through helmet: a Content-Security-Policy the Taro H5
 * build satisfies (its own scripts and its one inline script by hash, styles inline as React sets
 * them, images and API calls to this origin only, no framing), `Referrer-Policy: no-referrer` (order
 * numbers ride in store URLs), HSTS over https, and `Cache-Control: no-store` on every `/api/`
 * answer to a request that carried credentials. Product images may be loaded cross-origin: the
 * mini-programs show them from another origin. Helmet's headers are worked out once, at start
 * (`recordHelmetHeaders`, shared with the order-poll lane), and set on each answer from that list.
 */
export function securityHeaders({ set, removed }: HelmetHeaders): Middleware<AppState> {
  return async (ctx, next) => {
    const response = ctx.res
    for (const name of removed) response.removeHeader(name)
    for (const [name, value] of set) response.setHeader(name, value)
    try {
      await next()
    } finally {
      // After the route (and the error boundary's answer): a route may set its own caching.
      if (ctx.path.startsWith('/images/')) ctx.set('Cross-Origin-Resource-Policy', 'cross-origin')
      const headers = ctx.req.headers
      const credentialed = (headers.authorization ?? '') !== '' || (headers.cookie ?? '') !== ''
      if (credentialed && ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store')
    }
  }
}
