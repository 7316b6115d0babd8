import type { IncomingMessage } from 'node:http'

import type { AppDeps } from '../app-deps'
import { requestHasBody } from '../middleware/json-bodies'
import { authenticate } from '../services/authenticate'
import { ORDER_NO } from '../services/find-own-order'
import { getOrder } from '../services/get-order'
import { laneAnswer, logLaneFailure, type Lane } from './lane-answer'
import { sharedWithLanes, type SharedWithLanes } from './shared-with-lanes'
import { turnBatch } from './turn-batch'

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
 * Sessions come from the app's cache, shared with `requireSession`: a revoked one is refused
 * within a second.
 * The polls that arrive in one turn of the event loop are answered together at its end
 * (`turnBatch`), so the read-then-send of one socket does not alternate with the next one's.
 */
export function orderPollLane(
  deps: AppDeps,
  shared: SharedWithLanes = sharedWithLanes(deps.env),
): Lane {
  const checkDeps = { ...deps, pollQueryAfterMs: deps.env.ms.pollQueryAfter }
  const answer = laneAnswer(deps, shared.helmet, {
    method: 'GET',
    pattern: ROUTE,
    contentType: 'application/json; charset=utf-8',
    // Every lane request carries credentials (securityHeaders sets the same on those).
    noStore: true,
  })
  const logFailure = logLaneFailure(deps, 'order poll')
  const inTurnBatch = turnBatch(logFailure)

  async function answerOf(orderNo: string, authorization: string): Promise<string | undefined> {
    try {
      const session = await authenticate(deps, authorization)
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
    inTurnBatch(() => {
      answerOf(orderNo, request.headers.authorization ?? '')
        .then((body) => {
          if (body === undefined) fallback()
          else answer(request, response, body, started)
        })
        .catch(logFailure)
    })
  }
}
