import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { call, create, login } from './fault-kit'

/** The BFF's login deadline in this file. */
const LOGIN_TIMEOUT_MS = 1000

describe('the identity provider is down (F9)', () => {
  let sim: RunningSimulator
  let proxy: FaultProxy
  let database: FreshDatabase
  let bff: BffProcess

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 })
    proxy = await startFaultProxy({ host: '127.0.0.1', port: sim.port })
    database = await freshDatabase('sqlite')
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim,
      env: {
        WECHAT_API_BASE_URL: `http://${proxy.host}/`,
        LOGIN_TIMEOUT_MS: String(LOGIN_TIMEOUT_MS),
      },
    })
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
    'F9: provider %s → login answers 503 with Retry-After quickly; existing sessions keep working; logins resume after',
    async (mode) => {
      const existing = await login(bff.url, sim, `f9-${mode}-existing`)
      await proxy.set({ mode })
      const started = Date.now()
      await expect(login(bff.url, sim, `f9-${mode}-new`)).rejects.toThrow(/login failed: 503/)
      expect(Date.now() - started).toBeLessThan(LOGIN_TIMEOUT_MS + 3000)
      const refused = await call(bff.url, 'POST', '/api/sessions', {
        body: { channel: 'wechat-miniprogram', code: 'any-code' },
      })
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).not.toBeNull()

      expect((await call(bff.url, 'GET', '/api/orders', { token: existing.token })).status).toBe(
        200,
      )
      expect((await create(bff.url, existing.token)).status).toBe(201)

      await proxy.set({ mode: 'pass' })
      await expect(login(bff.url, sim, `f9-${mode}-later`)).resolves.toMatchObject({
        token: expect.any(String) as unknown,
      })
    },
    60_000,
  )
})
