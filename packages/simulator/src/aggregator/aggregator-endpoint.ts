import type { ServerResponse } from 'node:http'

import type { Middleware } from 'koa'
import createDebug from 'debug'

import { SimulatorError } from '../errors/simulator-error'
import type { FaultSettings } from '../faults/fault-settings'
import type { SimulatorContext } from '../simulator-context'
import { sleep } from '../time/sleep'
import type { AggregatorRoute } from './aggregator-routes'

const debug = createDebug('quickpay:simulator')

/** A route's business logic: the request body in, the envelope's `data` out (or a SimulatorError). */
export type AggregatorHandler = (
  sim: SimulatorContext,
  body: unknown,
  faults: FaultSettings | undefined,
) => object

/**
 * Wraps an aggregator handler in everything the wire adds around it: the call counters, the fault
 * modes, and the `{ code, msg, data }` envelope (HTTP 200 for business errors).
 */
export function aggregatorEndpoint(
  sim: SimulatorContext,
  route: AggregatorRoute,
  handler: AggregatorHandler,
): Middleware {
  return async (ctx) => {
    sim.state.countCall(route)
    const body: unknown = ctx.state.bodyError ? undefined : ctx.request.body
    if (route === 'QuickPay/JSAPIPay') countOrderCall(sim, body)
    const faults = sim.state.faults.take(route)
    const settings = faults?.settings
    if (settings?.latency_ms) await sleep(settings.latency_ms, sim.stopped)
    const failing = faults?.failing === true ? settings : undefined

    if (failing?.hang) {
      debug('%s: hanging (fault)', route)
      await hangUntilClosed(ctx.res, sim.stopped)
      ctx.respond = false
      ctx.res.destroy()
      return
    }
    if (failing?.http_status !== undefined) {
      ctx.status = failing.http_status
      ctx.type = 'text/plain'
      ctx.body = `simulated fault: HTTP ${failing.http_status}`
      return
    }
    if (failing?.business_error) {
      ctx.body = { code: failing.business_error.code, msg: failing.business_error.msg, data: null }
      return
    }

    let envelope: { code: string; msg: string; data: object | null }
    if (ctx.state.bodyError) {
      envelope = { code: 'PARAM_ERROR', msg: 'the body must be a JSON object', data: null }
    } else {
      try {
        envelope = { code: 'SUCCESS', msg: 'OK', data: handler(sim, body, failing) }
      } catch (error) {
        if (!(error instanceof SimulatorError)) throw error
        envelope = { code: error.code, msg: error.message, data: null }
      }
    }

    if (failing?.script_cloudpay_param && envelope.data && 'cloudpay_param' in envelope.data) {
      envelope.data = { ...envelope.data, cloudpay_param: '<script>alert("pwned")</script>' }
    }
    if (failing?.reset_after_processing) {
      // The request was processed; the caller never hears about it.
      ctx.respond = false
      ctx.req.socket.destroy()
      return
    }
    if (failing?.malformed_json) {
      const text = JSON.stringify(envelope)
      ctx.type = 'application/json'
      ctx.body = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
      return
    }
    if (failing?.oversized_body_bytes !== undefined) {
      ctx.type = 'application/json'
      ctx.body = oversized(envelope, failing.oversized_body_bytes)
      return
    }
    ctx.body = envelope
  }
}

function countOrderCall(sim: SimulatorContext, body: unknown): void {
  if (typeof body !== 'object' || body === null || !('order_no' in body)) return
  const orderNo = body.order_no
  if (typeof orderNo !== 'string') return
  const entry = (sim.state.stats.orders[orderNo] ??= { jsapi_calls: 0 })
  entry.jsapi_calls += 1
}

function hangUntilClosed(res: ServerResponse, stopped: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stopped.aborted) return resolve()
    stopped.addEventListener('abort', () => resolve(), { once: true })
    res.once('close', () => resolve())
  })
}

// A well-formed envelope padded to at least `bytes`: too big, not broken.
function oversized(envelope: object, bytes: number): Buffer {
  const head = Buffer.from(JSON.stringify({ ...envelope, padding: '' }).slice(0, -2))
  const padLength = Math.max(0, bytes - head.length - 2)
  return Buffer.concat([head, Buffer.alloc(padLength, 0x78), Buffer.from('"}')])
}
