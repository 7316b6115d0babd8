import { LIANKE_ROUTES } from './lianke-routes'
import type { LiankeAuthHook, LiankeCallEvent, LiankeClientOptions } from './lianke-client-options'
import { lazyConnectionPool } from './transport/connection-pool'
import { fetchPost } from './transport/fetch-post'
import { undiciPost } from './transport/undici-post'
import type { UpstreamPost } from './transport/upstream-post'

/** The client's settings with every default filled in and the transport built once. */
export interface ResolvedClientOptions {
  /** How attempts reach the aggregator, through the client's pool of kept-alive connections. */
  post: UpstreamPost
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
  const pool = lazyConnectionPool(maxConnections)
  return {
    post: fetchImpl === undefined ? undiciPost(pool) : fetchPost(fetchImpl, pool),
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
