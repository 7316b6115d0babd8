import type { IncomingMessage, ServerResponse } from 'node:http'

import type { AppDeps } from '../app-deps'
import { requestHasBody } from '../middleware/json-bodies'
import { chooseRequestId } from '../middleware/request-id'
import { requestLineWriter } from '../middleware/request-log'
import {
  recordHelmetHeaders,
  securityHeadersOptions,
  type HelmetHeaders,
} from '../middleware/security-headers'
import { authenticate } from '../services/authenticate'
import { ORDER_NO } from '../services/find-own-order'
import { getOrder } from '../services/get-order'
import { SessionCache } from '../services/session-cache'

/** A request listener that either answers a request itself or hands it to `fallback`, untouched. */
export type Lane = (
  request: IncomingMessage,
  response: ServerResponse,
  fallback: () => void,
) => void

const PREFIX = '/api/orders/'
/** The pattern the app's router reports for the same route: the metrics' route label. */
const ROUTE = '/api/orders/:order_no'

/**
 * The order number of a request this lane may answer: `GET /api/orders/<number>` with no query,
 * no body and a bearer token; anything else (HEAD, a query string, a percent-encoded or malformed
 * number, a body, no credentials) is left to the app.
 */
function laneOrderNo(request: IncomingMessage): string | undefined {
  if (request.method !== 'GET' || request.headers.authorization === undefined) return undefined
  const url = request.url ?? ''
  if (!url.startsWith(PREFIX)) return undefined
  const orderNo = url.slice(PREFIX.length)
  if (!ORDER_NO.test(orderNo) || requestHasBody(request.headers)) return undefined
  return orderNo
}

/**
 * The shopper's order poll (`GET /api/orders/:order_no`, which the store sends every second or
 * two while a payment is open) answered on plain `node:http`, beside the Koa app: the same
 * services (`authenticate`, `getOrder`) and the same envelope (request id, the security headers
 * recorded from helmet, `Cache-Control: no-store`, the request line, the HTTP metrics), without
 * Koa's context, the middleware chain and the router, which cost more than the route's own work
 * (docs/performance.md, part 12).
 *
 * The lane answers only a success. Any other outcome (no such order, a bad or revoked token, a
 * database error) hands the request, untouched, to the app, which works it out again and answers
 * through its one error boundary; so every error answer still has one author, at the price of a
 * second read on that path. The app keeps the route itself too (HEAD, query strings, OpenAPI).
 * Sessions are cached here as in `requireSession`: a revoked one is refused within a second.
 */
export function orderPollLane(
  deps: AppDeps,
  helmet: HelmetHeaders = recordHelmetHeaders(securityHeadersOptions(deps.env)),
): Lane {
  const checkDeps = { ...deps, pollQueryAfterMs: deps.env.ms.pollQueryAfter }
  const sessionDeps = { ...deps, sessions: new SessionCache() }
  const writeLine = requestLineWriter(deps.requestLines, [
    deps.env.NOTIFY_SECRET,
    deps.env.ADMIN_TOKEN,
  ])
  // A header helmet removes is never set here, so only what it sets is carried over.
  const fixedHeaders = [
    ...helmet.set.flat(),
    'Content-Type',
    'application/json; charset=utf-8',
    // Every lane request carries credentials (securityHeaders sets the same on those).
    'Cache-Control',
    'no-store',
  ]

  async function answerOf(orderNo: string, authorization: string): Promise<string | undefined> {
    try {
      const session = await authenticate(sessionDeps, authorization)
      return JSON.stringify(await getOrder(checkDeps, session, orderNo))
    } catch {
      return undefined
    }
  }

  return (request, response, fallback) => {
    const orderNo = laneOrderNo(request)
    if (orderNo === undefined) {
      fallback()
      return
    }
    const started = performance.now()
    answerOf(orderNo, request.headers.authorization ?? '')
      .then((body) => {
        if (body === undefined) {
          fallback()
          return
        }
        const incomingId = request.headers['x-request-id']
        const requestId = chooseRequestId(typeof incomingId === 'string' ? incomingId : undefined)
        try {
          response.writeHead(200, [
            ...fixedHeaders,
            'X-Request-Id',
            requestId,
            'Content-Length',
            String(Buffer.byteLength(body)),
          ])
          response.end(body)
        } catch (error) {
          deps.logger.error(
            {
              request_id: requestId,
              error: error instanceof Error ? error.message : String(error),
            },
            'order poll answer failed',
          )
          response.destroy()
        }
        deps.metrics.observeHttp(
          { method: 'GET', route: ROUTE, status: 200 },
          (performance.now() - started) / 1000,
        )
        writeLine({ requestId, method: 'GET', path: request.url ?? '', status: 200, started })
      })
      // A throw in there (the request line's write on a closed standard output, say) is logged, as
      // the app's `app.on('error')` logs it on Koa's path, instead of ending the process.
      .catch((error: unknown) => {
        deps.logger.error(
          { error: error instanceof Error ? error.message : String(error) },
          'order poll bookkeeping failed',
        )
      })
  }
}
