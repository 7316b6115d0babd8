import { randomBytes } from 'node:crypto'

import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { createOrder } from '../support/orders'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue #14: N instances must not allow N× the documented limits, and losing Redis must degrade
// to per-instance limits instead of refusing shoppers.

const ORDERS_PER_MINUTE = 4
const ADMIN_FAILURES_PER_MINUTE = 3

/** Lines of `app`'s log whose message is the limits' outage warning. */
function outageWarnings(app: TestApp): string[] {
  return app.logs.filter((line) => line.includes('Redis unreachable'))
}

/** The value of the degraded gauge on `app`'s /metrics registry. */
async function degradedGauge(app: TestApp): Promise<number | undefined> {
  const metric = await app.deps.metrics.registry.getSingleMetricAsString('bff_rate_limits_degraded')
  const value = /^bff_rate_limits_degraded (\d+)$/m.exec(metric)?.[1]
  return value === undefined ? undefined : Number(value)
}

// Two instances on one PostgreSQL: registered only when TEST_DATABASE_URL names a server (never
// skipped). Redis is a redis-server of the test's own, so the test can kill it.
if (TEST_DATABASES.includes('postgres')) {
  describe('two BFF instances on one PostgreSQL and one Redis (#14)', () => {
    let sim: RunningSimulator
    let database: FreshDatabase
    let redis: RedisServer
    let apps: [TestApp, TestApp]

    beforeAll(async () => {
      sim = await startSimulator({ port: 0 })
      database = await freshDatabase('postgres')
      redis = await startRedisServer()
      const env = {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}`,
        RATE_LIMIT_ORDERS_PER_MINUTE: String(ORDERS_PER_MINUTE),
        RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE: String(ADMIN_FAILURES_PER_MINUTE),
      }
      // One after the other: the first migrates the database, the second finds it migrated.
      const first = await startTestApp({
        db: 'postgres',
        database,
        sim,
        env: { ...env, INSTANCE_NAME: 'a' },
      })
      const second = await startTestApp({
        db: 'postgres',
        database,
        sim,
        env: { ...env, INSTANCE_NAME: 'b' },
      })
      apps = [first, second]
    }, 60_000)
    afterAll(async () => {
      for (const app of apps) await app.close()
      await redis.kill()
      await sim.close()
      await database.drop()
    })

    it('holds each limit in total: requests alternating between the instances pass exactly N times', async () => {
      expect(apps.map((app) => app.deps.rateLimits.backend)).toEqual(['redis', 'redis'])
      const token = await apps[0].login('wechat-miniprogram', 'shared-alice')
      const answers = []
      for (let i = 0; i < 2 * ORDERS_PER_MINUTE; i += 1) {
        answers.push(await createOrder(apps[i % 2] as TestApp, token, { body: {} }))
      }
      // An empty cart is refused after the limit check: 400 = let through, 429 = limited.
      expect(answers.map((answer) => answer.status)).toEqual([
        ...Array<number>(ORDERS_PER_MINUTE).fill(400),
        ...Array<number>(ORDERS_PER_MINUTE).fill(429),
      ])
      for (const limited of answers.slice(ORDERS_PER_MINUTE)) {
        const retryAfter = Number(limited.headers.get('retry-after'))
        expect(retryAfter).toBeGreaterThanOrEqual(1)
        expect(retryAfter).toBeLessThanOrEqual(60)
      }
      expect(outageWarnings(apps[0])).toEqual([])
      expect(outageWarnings(apps[1])).toEqual([])
    })

    it('counts refused admin tokens of one address across the instances', async () => {
      const statuses: number[] = []
      for (let i = 0; i <= ADMIN_FAILURES_PER_MINUTE; i += 1) {
        const answer = await (apps[i % 2] as TestApp).request('GET', '/api/admin/orders', {
          token: `wrong-admin-token-${i}-0123456789`,
        })
        statuses.push(answer.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    })

    it('with Redis lost, still serves shoppers under per-instance limits and warns once per instance', async () => {
      await redis.kill()
      // Logging in passes the sessions limit, which now falls back as well.
      const token = await apps[1].login('wechat-miniprogram', 'shared-bob')
      const statuses: number[] = []
      for (let i = 0; i < 2 * ORDERS_PER_MINUTE + 2; i += 1) {
        statuses.push((await createOrder(apps[i % 2] as TestApp, token, { body: {} })).status)
      }
      // Each instance lets N through on its own: 2N in all, then 429 on both.
      expect(statuses).toEqual([...Array<number>(2 * ORDERS_PER_MINUTE).fill(400), 429, 429])
      expect(outageWarnings(apps[0])).toHaveLength(1)
      expect(outageWarnings(apps[1])).toHaveLength(1)
      expect(await degradedGauge(apps[0])).toBe(1)
      expect(await degradedGauge(apps[1])).toBe(1)
    })
  })
}
