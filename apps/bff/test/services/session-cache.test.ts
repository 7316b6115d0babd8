import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SessionCache } from '../../src/services/session-cache'
import type { SessionRecord } from '../../src/store/records'
import { TEST_DATABASES } from '../support/databases'
import { startTestApp, type TestApp } from '../support/test-app'

describe('the session cache', () => {
  const session: SessionRecord = {
    token_hash: 'h',
    payer_id: 'payer-1',
    channel: 'wechat-miniprogram',
    appid: 'wx0000000000000001',
    created_at: 0,
    expires_at: 5_000,
  }
  it('trusts a session for the TTL counted from before its read, then asks again', () => {
    let time = 0
    const cache = new SessionCache(1000, 10, () => time)
    const started = cache.readStarted()
    time = 400
    cache.store('h', session, started)
    time = 999
    expect(cache.find('h', 0)).toBe(session)
    time = 1000
    expect(cache.find('h', 0)).toBeUndefined()
  })

  it('never answers a session past its expires_at, and keeps at most its capacity', () => {
    const cache = new SessionCache(1000, 2, () => 0)
    cache.store('a', session, 0)
    expect(cache.find('a', session.expires_at)).toBeUndefined()
    cache.store('a', session, 0)
    cache.store('b', session, 0)
    cache.store('c', session, 0)
    expect(cache.find('a', 0)).toBeUndefined()
    expect(cache.find('c', 0)).toBe(session)
  })
})

describe.each(TEST_DATABASES)('cached sessions on %s', (db) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db })
  })
  afterAll(async () => {
    await app.close()
  })

  it('refuses a revoked session within one second', async () => {
    const token = await app.login('wechat-miniprogram', 'revoked-user')
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(200)
    // Revocation as another instance or an operator would do it: the rows are gone.
    const revokedAt = performance.now()
    expect(
      await app.deps.repository.sessions.deleteExpired(Number.MAX_SAFE_INTEGER),
    ).toBeGreaterThan(0)
    // The promise is about requests that arrive a second or more after the revocation: each of
    // them is refused (one sent just before that second may still be answered from the cache).
    const answers: { sentAfterMs: number; status: number }[] = []
    while (performance.now() - revokedAt < 1600) {
      const sentAfterMs = performance.now() - revokedAt
      const { status } = await app.request('GET', '/api/orders', { token })
      answers.push({ sentAfterMs, status })
      await new Promise((done) => setTimeout(done, 25))
    }
    const late = answers.filter((answer) => answer.sentAfterMs >= 1000)
    expect(late.length).toBeGreaterThan(0)
    expect(late.filter((answer) => answer.status !== 401)).toEqual([])
  })

  it('refuses an expired session at once, although it is cached', async () => {
    const token = await app.login('wechat-miniprogram', 'expiring-user')
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(200)
    app.clock.advance(25 * 3_600_000)
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(401)
  })
})
