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
}
