import { randomUUID } from 'node:crypto'

import pg from 'pg'
import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { NOTIFY_PATH, simPayResult } from '../support/payments'
import {
  call,
  create,
  login,
  orderNoOf,
  settledViolations,
  simOrdersOf,
  walletPay,
} from './fault-kit'

/** `url` with its host:port replaced by the proxy's. */
function throughProxy(url: string, proxy: FaultProxy): string {
  const parsed = new URL(url)
  parsed.host = proxy.host
  return parsed.toString()
}

async function transitions(databaseUrl: string, orderNo: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const result = await client.query<{ count: string }>(
      "select count(*) as count from order_events where order_no = $1 and kind = 'transition'",
      [orderNo],
    )
    return Number(result.rows[0]?.count ?? 0)
  } finally {
    await client.end()
  }
}

// PostgreSQL rows run only when TEST_DATABASE_URL names a server (registered, never skipped).
if (TEST_DATABASES.includes('postgres')) {
  describe('PostgreSQL down, then back (F6)', () => {
    let sim: RunningSimulator
    let database: FreshDatabase
    let proxy: FaultProxy
    let bff: BffProcess

    beforeAll(async () => {
      sim = await startSimulator({ port: 0, timeScale: 100 })
      database = await freshDatabase('postgres')
      const target = new URL(database.url)
      proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) })
      bff = await startBffProcess({ databaseUrl: throughProxy(database.url, proxy), sim })
    }, 60_000)
    afterEach(async () => {
      await proxy.set({ mode: 'pass' })
    })
    afterAll(async () => {
      await bff?.stop()
      await proxy?.close()
      await sim?.close()
      await database?.drop()
    })

    it.each(['down', 'hang'] as const)(
      'F6: database %s → 503 with Retry-After quickly (creates, readiness, notifications); back → the same process works again (regression: hang)',
      async (mode) => {
        const shopper = await login(bff.url, sim, `f6-${mode}`)
        const paid = orderNoOf(await create(bff.url, shopper.token))
        const pid = bff.pid
        await proxy.set({ mode })
        const key = randomUUID()
        const started = Date.now()
        const refused = await create(bff.url, shopper.token, key)
        expect(refused.status).toBe(503)
        expect(refused.headers.get('retry-after')).not.toBeNull()
        // Pool acquisition (3 s) and statement (5 s) timeouts bound the wait, with margin.
        expect(Date.now() - started).toBeLessThan(12_000)
        expect((await call(bff.url, 'GET', '/readyz')).status).toBe(503)
        const notified = await call(bff.url, 'POST', NOTIFY_PATH, {
          raw: JSON.stringify({ order_no: paid }),
          headers: { 'content-type': 'application/json' },
        })
        expect(notified.status).toBeGreaterThanOrEqual(500)

        await proxy.set({ mode: 'pass' })
        const created = await create(bff.url, shopper.token, key)
        expect(created.status).toBe(201)
        expect(bff.pid).toBe(pid)
        expect((await call(bff.url, 'GET', '/readyz')).status).toBe(200)
        await walletPay(sim, paid)
        expect(await settledViolations(sim, database.url)).toEqual([])
        expect(simOrdersOf(sim, shopper.openid)).toBe(2)
      },
      60_000,
    )
  })

  describe('two BFF instances (child processes) on one PostgreSQL (F7)', () => {
    let sim: RunningSimulator
    let database: FreshDatabase
    let first: BffProcess
    let second: BffProcess

    beforeAll(async () => {
      sim = await startSimulator({ port: 0 })
      database = await freshDatabase('postgres')
      ;[first, second] = await Promise.all([
        startBffProcess({ databaseUrl: database.url, sim }),
        startBffProcess({ databaseUrl: database.url, sim }),
      ])
    }, 60_000)
    afterAll(async () => {
      await first?.stop()
      await second?.stop()
      await sim?.close()
      await database?.drop()
    })

    it('F7: the same notification at both instances makes one transition and both answer SUCCESS', async () => {
      await fetch(`${sim.url}/__sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notifications: { drop: true } }),
      })
      const shopper = await login(first.url, sim, 'f7-shopper')
      const orderNo = orderNoOf(await create(first.url, shopper.token))
      await walletPay(sim, orderNo)
      const body = JSON.stringify(await simPayResult(sim, orderNo))
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          call(index % 2 === 0 ? first.url : second.url, 'POST', NOTIFY_PATH, {
            raw: body,
            headers: { 'content-type': 'application/json' },
          }),
        ),
      )
      expect(answers.map((answer) => answer.text)).toEqual(Array(10).fill('SUCCESS'))
      expect(await transitions(database.url, orderNo)).toBe(1)
      const read = await call(second.url, 'GET', `/api/orders/${orderNo}`, {
        token: shopper.token,
      })
      expect((read.json as { order: { status: string } }).order.status).toBe('paid')
      expect(await settledViolations(sim, database.url)).toEqual([])
    }, 60_000)
  })
}
