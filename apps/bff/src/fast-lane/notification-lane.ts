import type { IncomingMessage } from 'node:http'

import type { AppDeps } from '../app-deps'
import { NOTIFY_BODY_LIMIT_BYTES } from '../routes/notify'
import { secretMatcher } from '../services/secret-matcher'
import { SettledCopies } from '../services/settled-copies'
import { handOnBody } from './handed-on-bodies'
import { laneAnswer, logLaneFailure, type Lane } from './lane-answer'
import { turnBatch } from './turn-batch'
import type { SharedWithLanes } from './shared-with-lanes'

const PREFIX = '/notify/lianke/'
/** The pattern the app's router reports for the same route: the metrics' route label. */
const ROUTE = '/notify/lianke/:secret'
/**
 * A secret segment the lane compares as it is: unreserved URL characters only. Anything else
 * (percent-encoding, a query string, a longer path) goes to the app's router, which decodes it.
 */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/

/**
 * Whether this lane may read the request's body: a POST whose declared length is within the
 * route's limit. Node's parser stops the body at that length, so nothing past it is read; a
 * chunked body, an empty one or one over the limit is left to the app (which answers 413 on the
 * last without reading it).
 */
function readableHere(request: IncomingMessage): boolean {
  if (request.method !== 'POST' || request.headers['transfer-encoding'] !== undefined) return false
  const declared = Number(request.headers['content-length'])
  return Number.isInteger(declared) && declared > 0 && declared <= NOTIFY_BODY_LIMIT_BYTES
}

/** The whole body, or undefined when the stream failed or closed before its end. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk)
    }
    const settle = (body: Buffer | undefined): void => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onFailure)
      request.off('close', onFailure)
      resolve(body)
    }
    const onEnd = (): void => settle(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
    const onFailure = (): void => settle(undefined)
    request.on('data', onData)
    request.once('end', onEnd)
    request.once('error', onFailure)
    request.once('close', onFailure)
  })
}

/**
 * The aggregator's redeliveries of a notification already stored for a settled order (most of
 * the notifications a shop receives: the aggregator repeats each until it reads `SUCCESS`),
 * acknowledged on plain `node:http` beside the Koa app, as the order poll is (order-poll-lane.ts,
 * docs/performance.md part 15): the app's notify route (routes/notify.ts) answers these from
 * memory already (`SettledCopies`), so Koa's context, its middleware chain and the router were
 * most of what such an answer cost.
 *
 * It takes only `POST /notify/lianke/<secret>` with the right secret (compared in constant time,
 * as the route does) and a declared body within the route's limit. It reads the body; when its
 * exact bytes are a copy the route remembered, it counts the notification as a `repeat` and
 * answers NOTIFY_ACK with the route's envelope. Anything else is handed to the app: before the
 * body is read, untouched; after it, with the bytes left for the route (`handOnBody`), which
 * stores, confirms and answers it as before. So the lane never writes, never asks upstream and
 * never answers an error; a copy is only remembered by the route, after a committed read showed
 * it stored for a settled order. The acknowledgements decided in one turn of the event loop are
 * written together at its end (`turnBatch`).
 */
export function notificationLane(deps: AppDeps, shared: SharedWithLanes): Lane {
  const isSecret = secretMatcher(deps.env.NOTIFY_SECRET)
  const ack = Buffer.from(deps.env.NOTIFY_ACK)
  const answer = laneAnswer(deps, shared.helmet, {
    method: 'POST',
    pattern: ROUTE,
    contentType: 'text/plain; charset=utf-8',
    noStore: false,
  })
  const logFailure = logLaneFailure(deps, 'notification')
  const inTurnBatch = turnBatch(logFailure)

  return (request, response, fallback) => {
    const url = request.url ?? ''
    if (!url.startsWith(PREFIX) || !readableHere(request)) {
      fallback()
      return
    }
    const secret = url.slice(PREFIX.length)
    if (!PLAIN_SEGMENT.test(secret) || !isSecret(secret)) {
      fallback()
      return
    }
    const started = performance.now()
    readBody(request)
      .then((body) => {
        if (body === undefined) {
          fallback()
          return
        }
        if (!shared.settledCopies.has(SettledCopies.keyOf(body.toString('utf8')))) {
          handOnBody(request, body)
          fallback()
          return
        }
        inTurnBatch(() => {
          deps.metrics.countNotification('repeat')
          answer(request, response, ack, started)
        })
      })
      .catch(logFailure)
  }
}
