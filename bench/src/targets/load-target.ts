import type autocannon from 'autocannon'

/** One HTTP endpoint under load: where it is and how each request is shaped. */
export interface LoadTarget {
  /** Stable id used in tables and ratios. */
  id: string
  /** Human label, e.g. `BFF GET /api/orders/:order_no`. */
  label: string
  url: string
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Varies each request (headers such as Idempotency-Key); must return the request. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request
  /**
   * Further base URLs (`http://127.0.0.1:PORT`) serving the same path: the load's connections are
   * split evenly over `url` and these, one autocannon instance each, run at the same time.
   */
  alsoOrigins?: readonly string[]
  /** The server processes answering, whose CPU per 2xx answer is the target's cost. */
  serverPids?: readonly number[]
  /** A process the server waits on and whose CPU is reported apart (the simulator's JSAPIPay). */
  upstreamPids?: readonly number[]
}
