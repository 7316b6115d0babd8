import { describe, expect, it } from 'vitest'

import { checkRedis } from '../../src/doctor/check-redis'
import { resolveDoctorDeps } from '../../src/doctor/doctor-deps'
import { runDoctor } from '../../src/doctor'
import { loadEnv } from '../../src/env'
import { freePort } from '../support/bff-process'
import { CANARIES } from '../support/test-app'

const PASSWORD = 'redis-canary-password-5d1f'

function envWith(redisUrl: string | undefined) {
  return loadEnv({
    NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
    ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
    WECHAT_MINIPROGRAM_SECRET: 'x',
    WECHAT_OA_SECRET: 'y',
    SANDBOX: 'true',
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
  })
}

/** Doctor deps whose clock advances `stepMs` on each reading. */
function stepping(stepMs: number) {
  let now = 0
  return resolveDoctorDeps({
    now: () => {
      now += stepMs
      return now
    },
  })
}

describe('the doctor’s redis line', () => {
  it('is absent when REDIS_URL is unset (the limits are per instance by choice)', async () => {
    expect(await checkRedis(envWith(undefined), stepping(0))).toEqual([])
  })

  it('is ✗ for a Redis that does not answer, naming the fix and never the password', async () => {
    const port = await freePort()
    const env = envWith(`redis://:${PASSWORD}@127.0.0.1:${port}`)
    const [check] = await checkRedis(env, stepping(0))
    expect(check).toMatchObject({ id: 'redis', status: 'fail' })
    expect(check?.detail).toContain('does not answer')
    expect(check?.detail).toContain(`redis://:***@127.0.0.1:${port}`)
    expect(check?.fix).toContain('REDIS_URL')
    const report = await runDoctor(env, { timeoutMs: 500 })
    expect(report.checks.map((line) => line.id)).toContain('redis')
    expect(JSON.stringify(report)).not.toContain(PASSWORD)
  })
})

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? ''

// The shared Redis (CI starts it and sets TEST_REDIS_URL): registered only then, never skipped.
if (TEST_REDIS_URL !== '') {
  describe('the doctor’s redis line on the shared Redis', () => {
    it('is ✓ when Redis answers PING and a write quickly, ? when the round trip is slow', async () => {
      const env = envWith(TEST_REDIS_URL)
      const [fast] = await checkRedis(env, stepping(1))
      expect(fast).toMatchObject({ id: 'redis', status: 'ok' })
      const [slow] = await checkRedis(env, stepping(200))
      expect(slow).toMatchObject({ id: 'redis', status: 'unknown' })
      expect(slow?.detail).toContain('200 ms')
    })
  })
}
