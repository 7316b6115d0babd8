import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import Koa from 'koa'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { AppState } from '../../src/app-state'
import { errors } from '../../src/errors/errors'
import { errorBoundary } from '../../src/middleware/error-boundary'
import { idempotent } from '../../src/middleware/idempotent'
import { createRepository } from '../../src/store/create-repository'
import type { IdempotencyRecord } from '../../src/store/records'
import type { Repository } from '../../src/store/repository'
import { freshDatabase, type FreshDatabase } from '../support/databases'

/**
 * The idempotent middleware when the handler is to claim the key itself (`claimInHandler`), on
 * the paths the order create does not take today: an answer the handler gives without having
 * claimed the key.
 */
describe('the idempotent middleware with claimInHandler', () => {
  let database: FreshDatabase
  let repository: Repository
  let server: Server
  let base: string
  const now = 1_000_000

  beforeAll(async () => {
    database = await freshDatabase('sqlite')
    repository = await createRepository(database.url)
    const app = new Koa<AppState>()
    app.use(async (ctx, next) => {
      ctx.state.requestId = ctx.get('x-request-id')
      await next()
    })
    app.use(errorBoundary(pino({ level: 'silent' })))
    app.use(
      idempotent(
        {
          repository,
          clock: { now: () => now },
          lockMs: 30_000,
          ttlMs: 3_600_000,
          instanceOwner: 'test#1',
        },
        {
          required: true,
          scope: () => 'payer-1',
          fingerprint: (ctx) => ctx.path,
          isFinal: (status, code) => status === 200 || code === 'UPSTREAM_REJECTED',
          claimInHandler: true,
        },
      ),
    )
    app.use((ctx) => {
      if (ctx.path === '/refused') throw errors.upstreamRejected()
      if (ctx.path === '/unavailable') throw errors.internal(new Error('down'))
      ctx.body = { path: ctx.path }
    })
    const handle = app.callback()
    server = createServer((request, response) => void handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await repository.close()
    await database.drop()
  })

  /** The record of a key another live request holds, for the request to `path`. */
  const heldByAnother = (key: string, path: string): IdempotencyRecord => ({
    payer_id: 'payer-1',
    key,
    request_hash: path,
    state: 'in_flight',
    response_status: null,
    response_body: null,
    order_no: null,
    created_at: now,
    expires_at: now + 3_600_000,
    locked_until: now + 30_000,
    lock_owner: 'other#1',
  })

  const send = async (path: string, key: string, requestId: string) => {
    const response = await fetch(`${base}${path}`, {
      headers: { 'idempotency-key': key, 'x-request-id': requestId },
    })
    return { status: response.status, text: await response.text() }
  }

  it('claims the key for a final answer the handler gave unclaimed, and replays it', async () => {
    const first = await send('/refused', 'key-final', 'req-1')
    expect(first.status).toBe(502)
    expect(first.text).toContain('"request_id":"req-1"')
    const stored = await repository.idempotency.find('payer-1', 'key-final')
    expect(stored).toMatchObject({ state: 'done', response_status: 502, response_body: first.text })
    const retry = await send('/refused', 'key-final', 'req-2')
    expect(retry).toEqual(first)
  })

  it('stores a final success the handler gave unclaimed, and replays it', async () => {
    const first = await send('/ok', 'key-ok', 'req-3')
    expect(first).toEqual({ status: 200, text: '{"path":"/ok"}' })
    expect(await repository.idempotency.find('payer-1', 'key-ok')).toMatchObject({
      state: 'done',
      response_body: first.text,
    })
    expect(await send('/ok', 'key-ok', 'req-4')).toEqual(first)
  })

  it('leaves a key it never claimed alone after an answer that is not final', async () => {
    const held = heldByAnother('key-held', '/unavailable')
    expect(await repository.idempotency.insert(held)).toBe(true)
    const answer = await send('/unavailable', 'key-held', 'req-5')
    expect(answer.status).toBe(500)
    // Another request's claim: not forgotten, not released.
    expect(await repository.idempotency.find('payer-1', 'key-held')).toEqual(held)
  })

  it('answers 409 for a final answer while another request holds the key', async () => {
    const held = heldByAnother('key-busy', '/refused')
    expect(await repository.idempotency.insert(held)).toBe(true)
    const answer = await send('/refused', 'key-busy', 'req-6')
    expect(answer.status).toBe(409)
    expect(answer.text).toContain('IDEMPOTENCY_KEY_IN_FLIGHT')
    expect(await repository.idempotency.find('payer-1', 'key-busy')).toEqual(held)
  })
})
