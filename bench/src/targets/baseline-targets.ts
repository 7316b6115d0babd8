import type { LoadTarget } from './load-target'
import { orderBody } from './order-body'

/** The three baselines: node:http hello, Koa hello, and the bare Koa JSAPIPay proxy. */
export function baselineTargets(urls: {
  nodeHello: string
  koaHello: string
  koaProxy: string
  sku: string
}): LoadTarget[] {
  return [
    { id: 'node-hello', label: 'node:http hello', url: `${urls.nodeHello}/`, method: 'GET' },
    { id: 'koa-hello', label: 'Koa hello', url: `${urls.koaHello}/`, method: 'GET' },
    {
      id: 'koa-proxy',
      label: 'bare Koa → JSAPIPay proxy',
      url: `${urls.koaProxy}/api/orders`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: orderBody(urls.sku),
    },
  ]
}

/**
 * The proxy with a durable PostgreSQL write before and after its JSAPIPay call
 * (servers/koa-proxy-postgres.ts): context for the create on PostgreSQL.
 */
export function postgresProxyTarget(url: string, sku: string): LoadTarget {
  return {
    id: 'koa-proxy-pg',
    label: 'bare Koa → JSAPIPay proxy with two PostgreSQL writes',
    url: `${url}/api/orders`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: orderBody(sku),
  }
}
