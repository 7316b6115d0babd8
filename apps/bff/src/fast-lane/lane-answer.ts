import type { IncomingMessage, ServerResponse } from 'node:http'

import type { AppDeps } from '../app-deps'
import { chooseRequestId } from '../middleware/request-id'
import { requestLineWriter } from '../middleware/request-log'
import type { HelmetHeaders } from '../middleware/security-headers'

/** A request listener that either answers a request itself or hands it to `fallback`, untouched. */
export type Lane = (
  request: IncomingMessage,
  response: ServerResponse,
  fallback: () => void,
) => void

/** The one route a lane answers, as the app's router and metrics name it. */
export interface LaneRoute {
  method: 'GET' | 'POST'
  /** The router's pattern: the metrics' route label (never the raw path). */
  pattern: string
  /** The answer's Content-Type, as Koa spells it for the app's route. */
  contentType: string
  /** Whether the app adds `Cache-Control: no-store` (an `/api/` request with credentials). */
  noStore: boolean
}

/** Writes a lane's 200 answer: `body` with its envelope, timed from `started`. */
export type LaneAnswer = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string | Buffer,
  started: number,
) => void

/**
 * The envelope the app gives every successful answer of `route`, written on plain `node:http`:
 * the request id (`chooseRequestId`, middleware/request-id.ts), helmet's headers as recorded at
 * start, the route's Content-Type and caching, then the HTTP metrics under the route's label and
 * the request line (`requestLineWriter`, which scrubs the secrets out of the path). The lanes
 * (order-poll-lane.ts, notification-lane.ts) answer only successes, so every answer they write
 * is a 200. A failed write is logged and the connection closed, as Koa's `app.on('error')` would;
 * the lane keeps serving.
 */
export function laneAnswer(deps: AppDeps, helmet: HelmetHeaders, route: LaneRoute): LaneAnswer {
  const writeLine = requestLineWriter(deps.requestLines, [
    deps.env.NOTIFY_SECRET,
    deps.env.ADMIN_TOKEN,
  ])
  // A header helmet removes is never set here, so only what it sets is carried over.
  const fixedHeaders = [
    ...helmet.set.flat(),
    'Content-Type',
    route.contentType,
    ...(route.noStore ? ['Cache-Control', 'no-store'] : []),
  ]
  const labels = { method: route.method, route: route.pattern, status: 200 }

  return (request, response, body, started) => {
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
        { request_id: requestId, error: error instanceof Error ? error.message : String(error) },
        'lane answer failed',
      )
      response.destroy()
    }
    deps.metrics.observeHttp(labels, (performance.now() - started) / 1000)
    writeLine({ requestId, method: route.method, path: request.url ?? '', status: 200, started })
  }
}

/**
 * Runs a lane's bookkeeping after its answer is decided: a throw in there (the request line's
 * write on a closed standard output, say) is logged, as the app's `app.on('error')` logs it on
 * Koa's path, instead of ending the process.
 */
export function logLaneFailure(deps: AppDeps, lane: string): (error: unknown) => void {
  return (error) => {
    deps.logger.error(
      { error: error instanceof Error ? error.message : String(error) },
      `${lane} bookkeeping failed`,
    )
  }
}
