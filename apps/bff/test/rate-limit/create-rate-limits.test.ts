import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'

import { afterEach, describe, expect, it } from 'vitest'

import { createLogger } from '../../src/logger'
import { createRateLimits, type RateLimits } from '../../src/rate-limit/create-rate-limits'
import { freePort } from '../support/bff-process'

/** A logger whose lines land in `lines`. */
function capturingLogger(lines: string[]) {
  return createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    }),
  )
}

const opened: RateLimits[] = []
afterEach(async () => {
  for (const limits of opened.splice(0)) await limits.close()
})

async function open(
  redisUrl: string | undefined,
  keyPrefix: string,
  lines: string[] = [],
): Promise<RateLimits> {
  const limits = await createRateLimits({
    redisUrl,
    keyPrefix,
    logger: capturingLogger(lines),
  })
  opened.push(limits)
  await limits.ready()
  return limits
}

describe('in-process rate limits', () => {
  it('allows perMinute requests per key, then refuses with the seconds left in the minute', async () => {
    const limiter = (await open(undefined, 'unused')).limiter('orders', 2)
    expect(await limiter.take('alice')).toEqual({ allowed: true })
    expect(await limiter.take('alice')).toEqual({ allowed: true })
    const refused = await limiter.take('alice')
    expect(refused.allowed).toBe(false)
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59)
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    }
    expect(await limiter.take('bob')).toEqual({ allowed: true })
  })

  it('peeks without spending, and hands out one limiter per name', async () => {
    const limits = await open(undefined, 'unused')
    const failures = limits.limiter('admin-failures', 1)
    expect(await failures.peek('10.0.0.1')).toEqual({ allowed: true })
    expect(await failures.peek('10.0.0.1')).toEqual({ allowed: true })
    await failures.take('10.0.0.1')
    expect((await limits.limiter('admin-failures', 1).peek('10.0.0.1')).allowed).toBe(false)
  })
})

describe('rate limits on a Redis that does not answer', () => {
  it('fall back to this process without refusing anyone, and warn once', async () => {
    const lines: string[] = []
    const port = await freePort()
    const limiter = (await open(`redis://127.0.0.1:${port}`, 'dead', lines)).limiter('orders', 3)
    const verdicts = []
    for (let i = 0; i < 5; i += 1) verdicts.push((await limiter.take('alice')).allowed)
    expect(verdicts).toEqual([true, true, true, false, false])
    expect((await limiter.peek('alice')).allowed).toBe(false)
    expect(lines.filter((line) => line.includes('Redis unreachable'))).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40 })
  })
})

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? ''

// The shared Redis (CI starts it and sets TEST_REDIS_URL): registered only then, never skipped.
if (TEST_REDIS_URL !== '') {
  describe('rate limits on the shared Redis', () => {
    it('are shared by every RateLimits of one prefix, and apart from another prefix', async () => {
      const prefix = `test-${randomBytes(6).toString('hex')}`
      const one = (await open(TEST_REDIS_URL, prefix)).limiter('orders', 2)
      const two = (await open(TEST_REDIS_URL, prefix)).limiter('orders', 2)
      const elsewhere = (await open(TEST_REDIS_URL, `${prefix}-other`)).limiter('orders', 2)
      expect(await one.take('alice')).toEqual({ allowed: true })
      expect(await two.peek('alice')).toEqual({ allowed: true })
      expect(await two.take('alice')).toEqual({ allowed: true })
      const refused = await one.take('alice')
      expect(refused.allowed).toBe(false)
      if (!refused.allowed) {
        expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1)
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
      }
      expect((await two.peek('alice')).allowed).toBe(false)
      expect(await elsewhere.take('alice')).toEqual({ allowed: true })
    })
  })
}
