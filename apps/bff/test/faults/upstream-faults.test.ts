import { randomUUID } from 'node:crypto'

import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { clearFaults, setFaults } from '../support/test-app'
import {
  call,
  create,
  jsapiCalls,
  login,
  orderNoOf,
  settledViolations,
  simOrdersOf,
  walletPay,
} from './fault-kit'

/** The BFF's overall deadline toward the aggregator in this file (one attempt: 5 s). */
const DEADLINE_MS = 8000

describe('upstream faults between the BFF (child process) and the aggregator (F1–F3)', () => {
  let sim: RunningSimulator
  let proxy: FaultProxy
  let database: FreshDatabase
  let bff: BffProcess

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 100 })
    proxy = await startFaultProxy({ host: '127.0.0.1', port: sim.port })
    database = await freshDatabase('sqlite')
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim,
      env: {
        LIANKE_BASE_URL: `http://${proxy.host}/`,
        LIANKE_TIMEOUT_MS: '5000',
        LIANKE_DEADLINE_MS: String(DEADLINE_MS),
      },
    })
  }, 60_000)
  afterEach(async () => {
    await proxy.set({ mode: 'pass' })
    await clearFaults(sim)
  })
  afterAll(async () => {
    await bff?.stop()
    await proxy?.close()
    await sim?.close()
    await database?.drop()
  })

  it('F1: while the aggregator is 2 s slow, products and order reads answer before the create does, and the create makes one aggregator order', async () => {
    const shopper = await login(bff.url, sim, 'f1-shopper')
    const earlier = orderNoOf(await create(bff.url, shopper.token))
    await setFaults(sim, { latency_ms: 2000 })
    const key = randomUUID()
    let createSettled = false
    const slow = create(bff.url, shopper.token, key).finally(() => {
      createSettled = true
    })
    // Wait until the slow create is at the aggregator before probing the other endpoints.
    for (let i = 0; i < 100 && sim.state.stats.calls['QuickPay/JSAPIPay'] !== 2; i += 1) {
      await new Promise((done) => setTimeout(done, 20))
    }
    const [products, read, duplicate] = await Promise.all([
      call(bff.url, 'GET', '/api/products'),
      call(bff.url, 'GET', `/api/orders/${earlier}`, { token: shopper.token }),
      create(bff.url, shopper.token, key),
    ])
    expect(createSettled).toBe(false)
    expect(products.status).toBe(200)
    expect(read.status).toBe(200)
    expect(duplicate.status).toBe(409)
    const answer = await slow
    expect(answer.status).toBe(201)
    const replay = await create(bff.url, shopper.token, key)
    expect(replay.text).toBe(answer.text)
    expect(jsapiCalls(sim, orderNoOf(answer))).toBe(1)
    expect(simOrdersOf(sim, shopper.openid)).toBe(2)
    expect(await settledViolations(sim, database.url)).toEqual([])
  })

  it('F2: a hanging aggregator gets 504 within the deadline; the order stays pending and is resolved later through Query', async () => {
    const shopper = await login(bff.url, sim, 'f2-shopper')
    await proxy.set({ mode: 'hang' })
    const key = randomUUID()
    const started = Date.now()
    const hung = await create(bff.url, shopper.token, key)
    const tookMs = Date.now() - started
    expect(hung.status).toBe(504)
    expect(hung.headers.get('retry-after')).not.toBeNull()
    expect(tookMs).toBeLessThan(DEADLINE_MS + 3000)
    const listed = await call(bff.url, 'GET', '/api/orders', { token: shopper.token })
    const pending = (listed.json as { orders: { order_no: string; status: string }[] }).orders
    expect(pending.map((order) => order.status)).toEqual(['pending'])
    const orderNo = pending[0]?.order_no ?? ''

    await proxy.set({ mode: 'pass' })
    const retried = await create(bff.url, shopper.token, key)
    expect(retried.status).toBe(201)
    expect(orderNoOf(retried)).toBe(orderNo)
    expect(simOrdersOf(sim, shopper.openid)).toBe(1)
    await walletPay(sim, orderNo)
    expect(await settledViolations(sim, database.url)).toEqual([])
    const read = await call(bff.url, 'GET', `/api/orders/${orderNo}`, { token: shopper.token })
    expect((read.json as { order: { status: string } }).order.status).toBe('paid')
  })

  it('F3: a connection reset after the request was sent is resolved by the retry with the same order_no (one aggregator order)', async () => {
    const shopper = await login(bff.url, sim, 'f3-shopper')
    await proxy.set({ mode: 'reset', times: 1 })
    const answer = await create(bff.url, shopper.token)
    expect(proxy.resets).toBeGreaterThanOrEqual(1)
    expect(answer.status).toBe(201)
    const orderNo = orderNoOf(answer)
    expect(jsapiCalls(sim, orderNo)).toBe(2)
    expect(simOrdersOf(sim, shopper.openid)).toBe(1)
    expect(await settledViolations(sim, database.url)).toEqual([])
  })

  it('F3: when every answer is reset the create fails; the client retry with the same key continues the same order', async () => {
    const shopper = await login(bff.url, sim, 'f3-persistent')
    await proxy.set({ mode: 'reset' })
    const key = randomUUID()
    const failed = await create(bff.url, shopper.token, key)
    expect([502, 504]).toContain(failed.status)
    expect(simOrdersOf(sim, shopper.openid)).toBe(1)
    await proxy.set({ mode: 'pass' })
    const retried = await create(bff.url, shopper.token, key)
    expect(retried.status).toBe(201)
    const orderNo = orderNoOf(retried)
    expect(sim.state.findOrder(orderNo)?.openid).toBe(shopper.openid)
    expect(simOrdersOf(sim, shopper.openid)).toBe(1)
    expect(await settledViolations(sim, database.url)).toEqual([])
  })
})
