import { randomUUID } from 'node:crypto'

import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { CRASH_POINTS } from '../../src/crash-points'
import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import {
  create,
  integrityCheck,
  jsapiCalls,
  login,
  orderNoOf,
  readBffRows,
  settledViolations,
  simOrdersOf,
  sleep,
  type Answer,
} from './fault-kit'

/** Retries a create with the same key, as a client does, until it is not 409 / 5xx (bounded). */
async function retryUntilFinal(url: string, token: string, key: string): Promise<Answer> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await create(url, token, key)
    if ((answer.status !== 409 && answer.status < 500) || attempt >= 60) return answer
    await sleep(500)
  }
}

describe('the BFF killed (SIGKILL) between the steps of a create (F4)', () => {
  let sim: RunningSimulator
  let database: FreshDatabase
  let bff: BffProcess | undefined

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 100 })
    database = await freshDatabase('sqlite')
  })
  afterEach(async () => {
    await bff?.stop()
  })
  afterAll(async () => {
    await sim?.close()
    await database?.drop()
  })

  it.each(CRASH_POINTS)(
    'F4: killed %s, the restarted BFF answers the retry with the same key 201 with one aggregator order, nothing lost',
    async (point) => {
      bff = await startBffProcess({
        databaseUrl: database.url,
        sim,
        env: { LIANKE_DEADLINE_MS: '2000', LIANKE_TIMEOUT_MS: '1500' },
      })
      const shopper = await login(bff.url, sim, `f4-${point}`)
      await bff.kill('SIGTERM')
      await bff.start({ BFF_CRASH_POINT: point })
      const key = randomUUID()
      await expect(create(bff.url, shopper.token, key)).rejects.toThrow()
      expect((await bff.exited()).signal).toBe('SIGKILL')
      expect(integrityCheck(database.url)).toBe('ok')

      const rows = await readBffRows(database.url)
      const owned = rows.keys.find((row) => row.key === key)
      expect(owned?.order_no).toBeTruthy()
      const orderNo = owned?.order_no ?? ''
      expect(rows.orders.some((order) => order.order_no === orderNo)).toBe(true)
      // The answer commits with the payment outcome: once that committed, it is stored.
      expect(owned?.state).toBe(point === 'after-commit' ? 'done' : 'in_flight')

      await bff.start()
      const answer = await retryUntilFinal(bff.url, shopper.token, key)
      expect(answer.status).toBe(201)
      expect(orderNoOf(answer)).toBe(orderNo)
      if (point === 'after-commit') expect(answer.text).toBe(owned?.response_body)
      expect((await create(bff.url, shopper.token, key)).text).toBe(answer.text)
      expect(simOrdersOf(sim, shopper.openid)).toBe(1)
      expect(jsapiCalls(sim, orderNo)).toBe(point === 'after-upstream' ? 2 : 1)
      expect(await settledViolations(sim, database.url)).toEqual([])
    },
    90_000,
  )
})
