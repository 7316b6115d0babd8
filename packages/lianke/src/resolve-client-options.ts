import { LIANKE_ROUTES } from './lianke-routes'
import type { LiankeAuthHook, LiankeCallEvent, LiankeClientOptions } from './lianke-client-options'

/** The client's settings with every default filled in and the pooled fetch built once. */
export interface ResolvedClientOptions {
  /** `fetch` through the client's pool of kept-alive connections. */
  fetch: typeof fetch
  baseUrl: string
  storeNo: string
  operator: string
  timeoutMs: number
  deadlineMs: number
  retryLimit: number
  baseDelayMs: number
  maxDelayMs: number
  auth: LiankeAuthHook | undefined
  /** Each route's full URL, built once (the auth hook gets its own copy to change). */
  routeUrls: ReadonlyMap<string, URL>
  allowAlipayOpenId: boolean
  maxResponseBytes: number
  onCall: ((event: LiankeCallEvent) => void) | undefined
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`createLiankeClient: ${name} must be a non-negative number, got ${value}`)
  }
  return value
}

type Dispatcher = NonNullable<RequestInit['dispatcher']>

/**
 * `fetch` with one pool of connections per client: sockets to the aggregator stay open between
 * calls (no TCP handshake per JSAPIPay) and at most `maxConnections` are open at once, so a burst
 * queues instead of opening hundreds. The pool is undici's `Agent`, handed to fetch as
 * `init.dispatcher` (so an injected fetch receives it too). undici is loaded on the first call,
 * not when the client is made: it is most of what the SDK would otherwise load when a server
 * starts. The cast bridges two copies of the same types (undici's own and @types/node's).
 */
function pooledFetch(base: typeof fetch, maxConnections: number): typeof fetch {
  let pool: Promise<Dispatcher> | undefined
  const poolOnce = (): Promise<Dispatcher> => {
    // undici is CommonJS: its `default` is its exports, both in Node and in the BFF's bundle
    // (where the named exports of a CommonJS module are not seen through `import()`).
    pool ??= import('undici').then(
      ({ default: undici }) =>
        new undici.Agent({
          connections: maxConnections,
          keepAliveTimeout: 4_000,
        }) as unknown as Dispatcher,
      (error: unknown) => {
        // A failed load is not kept: the next call tries again.
        pool = undefined
        throw error
      },
    )
    return pool
  }
  return async (input, init) => base(input, { ...init, dispatcher: await poolOnce() })
}

/** Fills in the defaults and refuses settings that cannot work (a bad URL, negative numbers). */
export function resolveClientOptions(options: LiankeClientOptions): ResolvedClientOptions {
  let base: URL
  try {
    base = new URL(options.baseUrl)
  } catch (error) {
    throw new TypeError(`createLiankeClient: baseUrl is not a URL: ${options.baseUrl}`, {
      cause: error,
    })
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`createLiankeClient: baseUrl must be http(s): ${options.baseUrl}`)
  }
  const baseUrl = base.href.endsWith('/') ? base.href : `${base.href}/`
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs ?? 10_000)
  const deadlineMs = nonNegative('deadlineMs', options.deadlineMs ?? timeoutMs * 2.5)
  const fetchImpl = options.fetch
  const maxConnections = Math.floor(nonNegative('maxConnections', options.maxConnections ?? 32))
  if (maxConnections < 1)
    throw new TypeError('createLiankeClient: maxConnections must be at least 1')
  return {
    fetch: pooledFetch(fetchImpl ?? globalThis.fetch.bind(globalThis), maxConnections),
    baseUrl,
    storeNo: options.storeNo,
    operator: options.operator ?? 'WEB',
    timeoutMs,
    deadlineMs,
    retryLimit: Math.floor(nonNegative('retry.limit', options.retry?.limit ?? 2)),
    baseDelayMs: nonNegative('retry.baseDelayMs', options.retry?.baseDelayMs ?? 200),
    maxDelayMs: nonNegative('retry.maxDelayMs', options.retry?.maxDelayMs ?? 2000),
    auth: options.auth,
    routeUrls: new Map(
      Object.values(LIANKE_ROUTES).map((route) => [route, new URL(route, baseUrl)]),
    ),
    allowAlipayOpenId: options.allowAlipayOpenId ?? false,
    maxResponseBytes: nonNegative('maxResponseBytes', options.maxResponseBytes ?? 1024 * 1024),
    onCall: options.onCall,
  }
}
