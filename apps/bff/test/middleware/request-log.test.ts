import { Writable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { createLogger } from '../../src/logger'
import { requestLineWriter } from '../../src/middleware/request-log'

/** A pino logger like the app's request-line logger, writing into `lines`. */
function capturingLogger(lines: string[], level = 'info') {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  return createLogger(level, sink).child({}, { redact: [] })
}

describe('the request line', () => {
  it("has the shape pino gives the same fields: keys in pino's order, values as pino writes them", () => {
    const lines: string[] = []
    const logger = capturingLogger(lines)
    const fields = {
      request_id: 'req-"quoted"-1',
      method: 'GET',
      path: '/api/orders/Q1/\u00e9\\x',
      status: 200,
      ms: 0,
    }
    logger.info(fields, 'request')
    requestLineWriter(
      logger,
      [],
    )({
      requestId: fields.request_id,
      method: fields.method,
      path: fields.path,
      status: fields.status,
      started: performance.now(),
    })
    expect(lines).toHaveLength(2)
    expect(lines.every((line) => line.endsWith('}\n'))).toBe(true)
    const [byPino, byWriter] = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(Object.keys(byWriter!)).toEqual(Object.keys(byPino!))
    expect({ ...byWriter, time: 0 }).toEqual({ ...byPino, time: 0 })
    expect(Math.abs(Number(byWriter!.time) - Number(byPino!.time))).toBeLessThan(1000)
  })

  it('blanks a segment holding a secret, and writes nothing below the info level', () => {
    const lines: string[] = []
    const write = requestLineWriter(capturingLogger(lines), ['s3cret-value-0123456789'])
    const line = { requestId: 'r-1', method: 'GET', status: 404, started: performance.now() }
    write({ ...line, path: '/notify/lianke/S3CRET-VALUE-0123456789' })
    expect(JSON.parse(lines[0]!)).toMatchObject({ path: '/notify/lianke/[redacted]', status: 404 })
    const quiet: string[] = []
    requestLineWriter(capturingLogger(quiet, 'warn'), [])({ ...line, path: '/' })
    expect(quiet).toEqual([])
  })
})
