import { randomUUID } from 'node:crypto'

import Sqlite from 'better-sqlite3'
import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { NOTIFY_PATH, simPayResult } from '../support/payments'
import {
  call,
  create,
  integrityCheck,
  login,
  orderNoOf,
  settledViolations,
  simOrdersOf,
  walletPay,
} from './fault-kit'

describe('SQLite busy: another writer holds the lock past busy_timeout (F5)', () => {
  let sim: RunningSimulator
  let database: FreshDatabase
  let bff: BffProcess
  let locker: Sqlite.Database | undefined

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 })
    database = await freshDatabase('sqlite')
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim,
      env: { RECONCILE_AFTER_SECONDS: '3600' },
    })
  }, 60_000)
  afterAll(async () => {
    if (locker?.inTransaction) locker.exec('rollback')
    locker?.close()
    await bff?.stop()
    await sim?.close()
    await database?.drop()
  })

  it('F5: creates answer 503 with Retry-After and notifications 5xx while the lock is held; afterwards the same key creates once, the notification settles, the file is intact', async () => {
    // The simulator's own notifications are dropped: the only one is the one this test sends.
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { drop: true } }),
    })
    const shopper = await login(bff.url, sim, 'f5-shopper')
    const paid = orderNoOf(await create(bff.url, shopper.token))
    await walletPay(sim, paid)
    const notification = JSON.stringify(await simPayResult(sim, paid))

    locker = new Sqlite(database.url.slice('file:'.length))
    locker.exec('begin immediate')
    const key = randomUUID()
    const busyCreate = await create(bff.url, shopper.token, key)
    expect(busyCreate.status).toBe(503)
    expect(busyCreate.headers.get('retry-after')).not.toBeNull()
    const busyNotify = await call(bff.url, 'POST', NOTIFY_PATH, {
      raw: notification,
      headers: { 'content-type': 'application/json' },
    })
    expect(busyNotify.status).toBeGreaterThanOrEqual(500)
    expect(busyNotify.text).not.toBe('SUCCESS')
    locker.exec('rollback')

    const created = await create(bff.url, shopper.token, key)
    expect(created.status).toBe(201)
    const acked = await call(bff.url, 'POST', NOTIFY_PATH, {
      raw: notification,
      headers: { 'content-type': 'application/json' },
    })
    expect(acked.text).toBe('SUCCESS')
    expect(simOrdersOf(sim, shopper.openid)).toBe(2)
    expect(await settledViolations(sim, database.url)).toEqual([])

    await bff.kill('SIGKILL')
    expect(integrityCheck(database.url)).toBe('ok')
  }, 90_000)
})
