import type { Middleware } from 'koa'
import { pino } from 'pino'

import type { AppState } from '../app-state'
import type { Logger } from '../logger'
import { pathScrubber } from './safe-path'

/** What one request line says. */
export interface RequestLine {
  requestId: string
  method: string
  path: string
  status: number
  /** performance.now() when the request came in. */
  started: number
}

/**
 * The writer of the one line per request: method, path (any segment holding one of `secrets`
 * blanked, see safe-path.ts), status, duration, request id. Shared by the Koa middleware below and
 * the order-poll lane (fast-lane/order-poll-lane.ts), so both write the same line.
 *
 * The line goes to `lines`' own destination (buffered, see `createRequestLineLogger` in logger.ts)
 * in the shape pino gives it (level, time, the logger's bindings, the fields, `msg`), but is put
 * together here: these five fields are built here and can hold nothing to redact or serialise
 * specially (the path is scrubbed by `pathScrubber`, the request id is a UUID or a value
 * `request-id.ts` checked against a narrow pattern), and pino's general path (redaction walked 27
 * paths, then a serialiser per field) was the largest part of a cheap request's envelope
 * (docs/performance.md, parts 5 and 12). test/middleware/request-log.test.ts holds the shape to
 * pino's own.
 */
export function requestLineWriter(
  lines: Logger,
  secrets: readonly string[],
): (line: RequestLine) => void {
  const scrub = pathScrubber(secrets)
  // pino.symbols is pino's published way in for tools that write beside it.
  const internals = lines as unknown as Record<symbol, unknown>
  const destination = internals[pino.symbols.streamSym] as { write(text: string): unknown }
  const bindings = internals[pino.symbols.chindingsSym] as string
  const head = `{"level":${lines.levels.values.info ?? 30},"time":`
  return (line) => {
    if (!lines.isLevelEnabled('info')) return
    destination.write(
      `${head}${Date.now()}${bindings},"request_id":${JSON.stringify(line.requestId)}` +
        `,"method":${JSON.stringify(line.method)},"path":${JSON.stringify(scrub(line.path))}` +
        `,"status":${line.status},"ms":${Math.round(performance.now() - line.started)}` +
        `,"msg":"request"}\n`,
    )
  }
}

/** Logs one line per request through `requestLineWriter`, whatever the outcome. */
export function requestLog(lines: Logger, secrets: readonly string[]): Middleware<AppState> {
  const write = requestLineWriter(lines, secrets)
  return async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      write({
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        started,
      })
    }
  }
}
