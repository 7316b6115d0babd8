import type { Agent, request } from 'undici'

/** undici's `request` and the client's pool of kept-alive connections to the aggregator. */
export interface ConnectionPool {
  request: typeof request
  agent: Agent
}

/**
 * One pool of connections per client, made on the first call: sockets to the aggregator stay open
 * between calls (no TCP handshake per JSAPIPay) and at most `maxConnections` are open at once, so
 * a burst queues instead of opening hundreds. undici is loaded then, not when the client is made:
 * it is most of what the SDK would otherwise load when a server starts. A failed load is not kept:
 * the next call tries again.
 */
export function lazyConnectionPool(maxConnections: number): () => Promise<ConnectionPool> {
  let pool: Promise<ConnectionPool> | undefined
  return () => {
    if (pool !== undefined) return pool
    // undici is CommonJS: its `default` is its exports, both in Node and in the BFF's bundle
    // (where the named exports of a CommonJS module are not seen through `import()`).
    const loading = import('undici').then(
      ({ default: undici }): ConnectionPool => ({
        request: undici.request,
        agent: new undici.Agent({ connections: maxConnections, keepAliveTimeout: 4_000 }),
      }),
      (error: unknown) => {
        pool = undefined
        throw error
      },
    )
    pool = loading
    return loading
  }
}
