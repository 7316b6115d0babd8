import { connect } from 'node:net'

import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { call } from './fault-kit'

const HEADERS_TIMEOUT_MS = 2000

/** Sends a request line and headers one byte a second; answers what the server sent and when it closed. */
function trickle(port: number): {
  closed: Promise<{ afterMs: number; received: string }>
  stop: () => void
} {
  const socket = connect(port, '127.0.0.1')
  const text = 'GET /api/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(200)
  let sent = 0
  let received = ''
  const started = Date.now()
  const timer = setInterval(() => {
    if (sent < text.length && !socket.destroyed) socket.write(text[sent++] ?? '')
  }, 1000)
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8')
  })
  socket.on('error', () => undefined)
  const closed = new Promise<{ afterMs: number; received: string }>((done) => {
    socket.on('close', () => {
      clearInterval(timer)
      done({ afterMs: Date.now() - started, received })
    })
  })
  return {
    closed,
    stop: () => {
      clearInterval(timer)
      socket.destroy()
    },
  }
}

describe('a slow client sending one header byte a second (F8)', () => {
  let sim: RunningSimulator
  let database: FreshDatabase
  let bff: BffProcess

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 })
    database = await freshDatabase('sqlite')
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim,
      env: { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: '5000' },
    })
  }, 60_000)
  afterAll(async () => {
    await bff?.stop()
    await sim?.close()
    await database?.drop()
  })

  it('F8: the slow client is cut at the header timeout, not 30 s later, while other clients are answered (regression)', async () => {
    const slow = trickle(bff.port)
    try {
      const others = await Promise.all(
        Array.from({ length: 5 }, () => call(bff.url, 'GET', '/api/products')),
      )
      expect(others.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
      const { afterMs, received } = await slow.closed
      expect(received).not.toContain('200 OK')
      // Closed at the header timeout: well before the request would have been complete (200 s).
      expect(afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100)
      expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4000)
      expect((await call(bff.url, 'GET', '/healthz')).status).toBe(200)
    } finally {
      slow.stop()
    }
  }, 60_000)
})
