import type { IncomingMessage } from 'node:http'

import type { Router } from '@koa/router'

import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { errors } from '../errors/errors'
import { takeHandedOnBody } from '../fast-lane/handed-on-bodies'
import { receiveNotification } from '../services/receive-notification'
import { secretMatcher } from '../services/secret-matcher'
import type { SettledCopies } from '../services/settled-copies'
import { strictRouter } from './strict-router'

/** The largest notification body read; a PayResultInfo is well under 4 KiB. */
export const NOTIFY_BODY_LIMIT_BYTES = 64 * 1024

/** Reads the raw body bytes, refusing (413) past `limit` without buffering more. */
async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) throw errors.payloadTooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw errors.payloadTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/**
 * `POST /notify/lianke/:secret`. Mounted before the body parser: it reads the raw bytes itself. A
 * wrong secret falls through to the 404 of an unknown route, before anything is read, written or
 * asked upstream. The answer is exactly the bytes of NOTIFY_ACK (`SUCCESS`, 7 bytes, by default;
 * text/plain) once the outcome is durable; anything else (an error envelope) makes the aggregator
 * retry (docs/reliability.md).
 *
 * `settledCopies` is shared with the notification lane (fast-lane/notification-lane.ts), which
 * acknowledges the copies remembered here before they reach Koa; a request the lane read and handed
 * on brings its bytes with it (`takeHandedOnBody`).
 */
export function notifyRoutes(deps: AppDeps, settledCopies: SettledCopies): Router<AppState> {
  const isSecret = secretMatcher(deps.env.NOTIFY_SECRET)
  const receiving = {
    ...deps,
    queryDeadlineMs: deps.env.NOTIFY_QUERY_DEADLINE_MS,
    settledCopies,
  }
  const router = strictRouter()
  router.post('/notify/lianke/:secret', async (ctx, next) => {
    if (!isSecret(ctx.params.secret ?? '')) {
      await next()
      return
    }
    const raw = takeHandedOnBody(ctx.req) ?? (await readRawBody(ctx.req, NOTIFY_BODY_LIMIT_BYTES))
    let outcome
    try {
      outcome = await receiveNotification(receiving, {
        rawBody: raw.toString('utf8'),
        contentType: ctx.get('content-type') || null,
      })
    } catch (error) {
      // The database could not record it: counted apart, answered 5xx by the boundary.
      deps.metrics.countNotification('not_durable')
      throw error
    }
    deps.metrics.countNotification(outcome)
    if (outcome === 'unreadable') throw errors.notificationUnreadable()
    if (outcome === 'query_failed') throw errors.upstreamUnavailable()
    if (outcome === 'not_confirmed') throw errors.notificationNotConfirmed()
    ctx.status = 200
    ctx.type = 'text/plain'
    ctx.body = Buffer.from(deps.env.NOTIFY_ACK)
  })
  return router
}
