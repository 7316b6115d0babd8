import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { SessionCache } from '../../src/services/session-cache'
import { hashSessionToken } from '../../src/services/session-tokens'
import { openDatabase, type OpenDatabase } from '../../src/store/open-database'
import type { SessionRecord } from '../../src/store/records'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
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

  it('names for confirmation the sessions in use whose confirmation has aged', () => {
    let time = 0
    const cache = new SessionCache(1000, 10, () => time)
    cache.store('idle', session, 0)
    cache.store('busy', session, 0)
    time = 200
    cache.store('fresh', session, 200)
    time = 9_000
    cache.store('idle-later', session, 9_000)
    time = 10_100
    expect(cache.find('busy', 0)).toBeUndefined() // 10.1 s after its read: no longer trusted
    cache.store('busy', session, 10_100)
    time = 10_250
    // Used within 10 s and confirmed at least 250 ms ago: 'busy' (read 150 ms ago) is too fresh;
    // 'idle' and 'fresh' were last used more than 10 s ago.
    expect(cache.dueForConfirmation(250, 10_000)).toEqual(['idle-later'])
    time = 10_400
    expect(cache.dueForConfirmation(250, 10_000).sort()).toEqual(['busy', 'idle-later'])
  })

  it('trusts again from the start of a confirming read what it found, and forgets the rest', () => {
    let time = 0
    const cache = new SessionCache(1000, 10, () => time)
    cache.store('kept', session, 0)
    cache.store('revoked', session, 0)
    time = 900
    const shortened = { ...session, expires_at: 3_000 }
    cache.confirm(['kept', 'revoked'], [{ ...shortened, token_hash: 'kept' }], 800)
    time = 1_700
    expect(cache.find('revoked', 0)).toBeUndefined()
    expect(cache.find('kept', 0)?.expires_at).toBe(3_000)
    expect(cache.find('kept', 3_000)).toBeUndefined() // the row's new expiry took effect
    cache.store('kept', session, 1_700)
    time = 2_500
    expect(cache.find('kept', 0)).toBe(session)
    time = 2_600
    // A session is trusted from the start of the read that found it, not from its answer.
    cache.store('late', session, 0)
    time = 3_000
    expect(cache.find('late', 0)).toBeUndefined()
  })

  it('leaves alone an entry that a later read confirmed, whatever an earlier read says', () => {
    let time = 0
    const cache = new SessionCache(1000, 10, () => time)
    cache.store('h', session, 500) // a direct read that started at 500
    cache.confirm(['h'], [], 400) // a confirmation that started before it, answered after
    time = 1_400
    expect(cache.find('h', 0)).toBe(session)
  })
})

describe.each(TEST_DATABASES)('cached sessions on %s', (db) => {
  let database: FreshDatabase
  let app: TestApp
  let operator: OpenDatabase
  beforeAll(async () => {
    database = await freshDatabase(db)
    app = await startTestApp({ db, database })
    operator = await openDatabase(database.url)
  })
  afterAll(async () => {
    await operator.db.destroy()
    await app.close()
    await database.drop()
  })

  /** Requests every 25 ms for `forMs` after `since`; the statuses with when each was sent. */
  async function keepAsking(token: string, since: number, forMs: number) {
    const answers: { sentAfterMs: number; status: number }[] = []
    while (performance.now() - since < forMs) {
      const sentAfterMs = performance.now() - since
      const { status } = await app.request('GET', '/api/orders', { token })
      answers.push({ sentAfterMs, status })
      await new Promise((done) => setTimeout(done, 25))
    }
    return answers
  }

  /**
   * Logs `user` in, uses the session once, runs `revoke` and asks on. The promise is about the
   * requests that arrive a second or more after `revoke` started: each of them is refused (one
   * sent just before that second may still be answered from the cache).
   */
  async function expectRefusedWithinASecond(
    user: string,
    revoke: (token: string) => Promise<void>,
  ) {
    const token = await app.login('wechat-miniprogram', user)
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(200)
    const revokedAt = performance.now()
    await revoke(token)
    const late = (await keepAsking(token, revokedAt, 1600)).filter(
      (answer) => answer.sentAfterMs >= 1000,
    )
    expect(late.length).toBeGreaterThan(0)
    expect(late.filter((answer) => answer.status !== 401)).toEqual([])
  }

  it('refuses a revoked session within one second', async () => {
    // Revocation as another instance or an operator would do it: the rows are gone.
    await expectRefusedWithinASecond('revoked-user', async () => {
      expect(
        await app.deps.repository.sessions.deleteExpired(Number.MAX_SAFE_INTEGER),
      ).toBeGreaterThan(0)
    })
  })

  it('refuses within one second a session whose expiry an operator brought forward', async () => {
    await expectRefusedWithinASecond('shortened-user', async (token) => {
      await operator.db
        .updateTable('sessions')
        .set({ expires_at: app.clock.now() })
        .where('token_hash', '=', hashSessionToken(token))
        .execute()
    })
  })

  it('keeps a session in use confirmed in the background instead of reading it per request', async () => {
    const token = await app.login('wechat-miniprogram', 'steady-user')
    const find = vi.spyOn(app.deps.repository.sessions, 'find')
    const findMany = vi.spyOn(app.deps.repository.sessions, 'findMany')
    try {
      const answers = await keepAsking(token, performance.now(), 3500)
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([])
      // With a read per second of trust it would have read the session four times or more; the
      // confirmations (one statement for every session in use, twice a second) kept it trusted.
      expect(find.mock.calls.length).toBeLessThanOrEqual(2)
      expect(findMany.mock.calls.length).toBeGreaterThanOrEqual(3)
    } finally {
      find.mockRestore()
      findMany.mockRestore()
    }
  })

  it('refuses an expired session at once, although it is cached', async () => {
    const token = await app.login('wechat-miniprogram', 'expiring-user')
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(200)
    app.clock.advance(25 * 3_600_000)
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(401)
  })
})
