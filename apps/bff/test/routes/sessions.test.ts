import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { startSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { startTestApp, type TestApp } from '../support/test-app'

async function mintCode(
  app: TestApp,
  body: { channel: string; user?: string; snapshot?: boolean },
): Promise<{ code: string; openid: string }> {
  const response = await fetch(`${app.sim.url}/__sim/login-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await response.json()) as { code: string; openid: string }
}

describe.each(TEST_DATABASES)('POST /api/sessions on %s', (db) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db })
  })
  afterAll(async () => {
    await app.close()
  })

  it.each([
    'wechat-miniprogram',
    'wechat-official-account',
    'alipay-miniprogram',
    'alipay-service-window',
  ] as const)('turns a %s login code into a session that authenticates', async (channel) => {
    const { code } = await mintCode(app, { channel, user: `user-${channel}` })
    const response = await app.request('POST', '/api/sessions', { body: { channel, code } })
    expect(response.status).toBe(201)
    const session = response.json as { token: string; expires_at: string; channel: string }
    expect(session.channel).toBe(channel)
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Date.parse(session.expires_at)).toBeGreaterThan(app.clock.now())
    const orders = await app.request('GET', '/api/orders', { token: session.token })
    expect(orders.status).toBe(200)
  })

  it('stores the appid that issued the openid with the session, and only a hash of the token', async () => {
    const { code, openid } = await mintCode(app, { channel: 'wechat-official-account', user: 'oa' })
    const response = await app.request('POST', '/api/sessions', {
      body: { channel: 'wechat-official-account', code },
    })
    const { token } = response.json as { token: string }
    const stored = await app.deps.repository.sessions.find(
      createHash('sha256').update(token).digest('hex'),
      app.clock.now(),
    )
    expect(stored).toMatchObject({ payer_id: openid, appid: 'wx0000000000000002' })
  })

  it('refuses a replayed login code with 401 and creates no second session (S4)', async () => {
    const { code } = await mintCode(app, { channel: 'wechat-miniprogram', user: 'replay' })
    const first = await app.request('POST', '/api/sessions', {
      body: { channel: 'wechat-miniprogram', code },
    })
    expect(first.status).toBe(201)
    const second = await app.request('POST', '/api/sessions', {
      body: { channel: 'wechat-miniprogram', code },
    })
    expect(second.status).toBe(401)
    expect(second.json).toMatchObject({ error: { code: 'INVALID_LOGIN_CODE' } })
  })

  it('refuses an unknown Alipay auth code with 401', async () => {
    const response = await app.request('POST', '/api/sessions', {
      body: { channel: 'alipay-miniprogram', code: 'never-minted' },
    })
    expect(response.status).toBe(401)
    expect(response.json).toMatchObject({ error: { code: 'INVALID_LOGIN_CODE' } })
  })

  it('refuses a WeChat snapshot-page user with 403 SNAPSHOT_USER', async () => {
    const { code } = await mintCode(app, {
      channel: 'wechat-official-account',
      user: 'snap',
      snapshot: true,
    })
    const response = await app.request('POST', '/api/sessions', {
      body: { channel: 'wechat-official-account', code },
    })
    expect(response.status).toBe(403)
    expect(response.json).toMatchObject({ error: { code: 'SNAPSHOT_USER' } })
  })

  it('refuses a body with unknown fields, naming them', async () => {
    const response = await app.request('POST', '/api/sessions', {
      body: { channel: 'wechat-miniprogram', code: 'x', openid: 'forged' },
    })
    expect(response.status).toBe(400)
    expect(response.json).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        fields: [{ field: '(body)', rule: 'unknown field(s): openid' }],
      },
    })
  })

  it('answers shopper routes without a valid token with 401 UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'not-a-real-token-but-long-enough']) {
      const response = await app.request('GET', '/api/orders', token === undefined ? {} : { token })
      expect(response.status).toBe(401)
      expect(response.json).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    }
  })

  it('expires a session after SESSION_TTL_HOURS', async () => {
    const token = await app.login('wechat-miniprogram', 'expiring')
    app.clock.advance(24 * 3_600_000 + 1)
    const response = await app.request('GET', '/api/orders', { token })
    expect(response.status).toBe(401)
  })
})

describe.each(TEST_DATABASES)('Alipay open_id mode on %s', (db) => {
  it('refuses an open_id login with 403 unless pass-through is configured', async () => {
    const sim = await startSimulator({ port: 0, alipayOpenIdMode: true })
    const strict = await startTestApp({ db, sim })
    const passthrough = await startTestApp({ db, sim, env: { ALIPAY_OPEN_ID_PASSTHROUGH: 'true' } })
    try {
      const first = await mintCode(strict, { channel: 'alipay-miniprogram' })
      const refused = await strict.request('POST', '/api/sessions', {
        body: { channel: 'alipay-miniprogram', code: first.code },
      })
      expect(refused.status).toBe(403)
      expect(refused.json).toMatchObject({ error: { code: 'ALIPAY_USER_ID_REQUIRED' } })
      const second = await mintCode(passthrough, { channel: 'alipay-service-window' })
      const accepted = await passthrough.request('POST', '/api/sessions', {
        body: { channel: 'alipay-service-window', code: second.code },
      })
      expect(accepted.status).toBe(201)
    } finally {
      await strict.close()
      await passthrough.close()
      await sim.close()
    }
  })
})

describe.each(TEST_DATABASES)('identity provider down on %s (F9)', (db) => {
  let hanging: Server
  let app: TestApp
  beforeAll(async () => {
    hanging = createServer(() => undefined)
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    app = await startTestApp({ db })
  })
  afterAll(async () => {
    await app.close()
    hanging.closeAllConnections()
    await new Promise<void>((resolve) => hanging.close(() => resolve()))
  })

  it('answers 503 quickly when the provider hangs or refuses, while existing sessions keep working', async () => {
    const token = await app.login('wechat-miniprogram', 'before-outage')
    const port = (hanging.address() as AddressInfo).port
    const down = await startTestApp({
      db,
      sim: app.sim,
      env: {
        WECHAT_API_BASE_URL: `http://127.0.0.1:${port}/`,
        ALIPAY_GATEWAY_URL: 'http://127.0.0.1:1/gateway.do',
      },
    })
    try {
      const started = Date.now()
      const wechat = await down.request('POST', '/api/sessions', {
        body: { channel: 'wechat-miniprogram', code: 'abc' },
      })
      expect(wechat.status).toBe(503)
      expect(wechat.json).toMatchObject({ error: { code: 'LOGIN_PROVIDER_UNAVAILABLE' } })
      expect(wechat.headers.get('retry-after')).not.toBeNull()
      const alipay = await down.request('POST', '/api/sessions', {
        body: { channel: 'alipay-miniprogram', code: 'abc' },
      })
      expect(alipay.status).toBe(503)
      // Answered within the 1 s login deadline plus generous slack, never Node's minutes.
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      await down.close()
    }
    const stillIn = await app.request('GET', '/api/orders', { token })
    expect(stillIn.status).toBe(200)
  })
})

describe.each(TEST_DATABASES)('login rate limit on %s (S5)', (db) => {
  it('answers 429 with Retry-After past the per-IP limit', async () => {
    const app = await startTestApp({ db, env: { RATE_LIMIT_SESSIONS_PER_MINUTE: '3' } })
    try {
      const statuses: number[] = []
      let retryAfter: string | null = null
      for (let i = 0; i < 5; i += 1) {
        const response = await app.request('POST', '/api/sessions', {
          body: { channel: 'wechat-miniprogram', code: `bogus-${i}` },
        })
        statuses.push(response.status)
        retryAfter = response.headers.get('retry-after')
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429])
      expect(Number(retryAfter)).toBeGreaterThan(0)
    } finally {
      await app.close()
    }
  })
})
