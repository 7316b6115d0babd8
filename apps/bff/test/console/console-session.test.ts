import { consoleSessionSchema } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder } from '../support/payments'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const CONSOLE = { 'x-console-request': '1' }

/** The `name=value` part of a Set-Cookie header. */
const cookiePair = (setCookie: string): string => setCookie.split(';')[0] ?? ''

describe.each(TEST_DATABASES)('console sessions on %s', (db) => {
  let app: TestApp
  let paidNo: string

  async function login(token = CANARIES.ADMIN_TOKEN, headers: Record<string, string> = CONSOLE) {
    return app.request('POST', '/api/admin/session', { body: { token }, headers })
  }

  beforeAll(async () => {
    app = await startTestApp({ db })
    const alice = await app.login('wechat-miniprogram', 'alice')
    paidNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, paidNo)
    expect((await notify(app, JSON.stringify({ order_no: paidNo }))).text).toBe('SUCCESS')
  })
  afterAll(async () => {
    await app.close()
  })

  it('exchanges the admin token for an HttpOnly, SameSite=Strict cookie with an expiry, scoped to the admin API', async () => {
    const response = await login()
    expect(response.status).toBe(201)
    const session = consoleSessionSchema.parse(response.json)
    expect(Date.parse(session.expires_at) - app.clock.now()).toBe(12 * 3600 * 1000)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^qp_console=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/api/admin')
    expect(setCookie).toContain('Max-Age=43200')
    // PUBLIC_BASE_URL is http here: Secure would make the browser drop the cookie.
    expect(setCookie).not.toContain('Secure')
    // Neither the admin token nor the cookie's value is in the body.
    expect(response.text).not.toContain(CANARIES.ADMIN_TOKEN)
    expect(response.text).not.toContain(cookiePair(setCookie).slice('qp_console='.length))
  })

  it('refuses a wrong token with 401 and sets no cookie', async () => {
    for (const token of ['wrong-token-0123456789', `${CANARIES.ADMIN_TOKEN}x`, '']) {
      const response = await login(token)
      expect([400, 401]).toContain(response.status)
      expect(response.headers.get('set-cookie')).toBeNull()
    }
    expect((await login('wrong-token-0123456789')).status).toBe(401)
  })

  it('lets the cookie read and write admin routes; logout revokes it at once', async () => {
    const cookie = cookiePair((await login()).headers.get('set-cookie') ?? '')
    const read = await app.request('GET', '/api/admin/orders', { headers: { cookie } })
    expect(read.status).toBe(200)
    expect((read.json as { total: number }).total).toBe(1)
    expect(read.headers.get('cache-control')).toBe('no-store')
    const me = await app.request('GET', '/api/admin/session', { headers: { cookie } })
    expect(me.status).toBe(200)

    const logout = await app.request('DELETE', '/api/admin/session', {
      headers: { cookie, ...CONSOLE },
    })
    expect(logout.status).toBe(204)
    expect(logout.headers.get('set-cookie')).toMatch(/^qp_console=; Max-Age=0/)
    // The browser would drop the cookie; a copy kept by an attacker is refused too.
    for (const path of ['/api/admin/orders', '/api/admin/session', `/api/admin/orders/${paidNo}`]) {
      const after = await app.request('GET', path, { headers: { cookie } })
      expect(after.status).toBe(401)
    }
  })

  it('ends a session at its expiry', async () => {
    const cookie = cookiePair((await login()).headers.get('set-cookie') ?? '')
    app.clock.advance(12 * 3600 * 1000 - 1)
    expect((await app.request('GET', '/api/admin/orders', { headers: { cookie } })).status).toBe(
      200,
    )
    app.clock.advance(1)
    expect((await app.request('GET', '/api/admin/orders', { headers: { cookie } })).status).toBe(
      401,
    )
  })

  it('refuses cookie writes without the console header, from another origin or labelled cross-site (CSRF)', async () => {
    const cookie = cookiePair((await login()).headers.get('set-cookie') ?? '')
    const refund = (headers: Record<string, string>) =>
      app.request('POST', `/api/admin/orders/${paidNo}/refunds`, {
        body: { amount: 1 },
        headers: { cookie, 'idempotency-key': 'csrf-probe', ...headers },
      })
    for (const headers of [
      {},
      { 'x-console-request': 'yes' },
      { ...CONSOLE, origin: 'https://evil.example' },
      { ...CONSOLE, origin: 'null' },
      { ...CONSOLE, 'sec-fetch-site': 'cross-site' },
      { ...CONSOLE, 'sec-fetch-site': 'same-site' },
    ]) {
      const response = await refund(headers)
      expect(response.status).toBe(403)
      expect((response.json as { error: { code: string } }).error.code).toBe('CSRF_REJECTED')
    }
    expect(app.sim.state.findOrder(paidNo)?.refunds).toEqual([])
    // Logging in and out are console requests too (no login CSRF, no forced logout).
    expect((await login(CANARIES.ADMIN_TOKEN, {})).status).toBe(403)
    const forcedLogout = await app.request('DELETE', '/api/admin/session', { headers: { cookie } })
    expect(forcedLogout.status).toBe(403)
    expect((await app.request('GET', '/api/admin/session', { headers: { cookie } })).status).toBe(
      200,
    )
    // The same request from the console's own origin goes through.
    const origin = app.url
    const allowed = await refund({ ...CONSOLE, origin, 'sec-fetch-site': 'same-origin' })
    expect(allowed.status).toBe(201)
    expect(app.sim.state.findOrder(paidNo)?.refunds).toHaveLength(1)
  })

  it('keeps the Bearer token working for scripts, without the console header', async () => {
    const response = await app.request('GET', `/api/admin/orders/${paidNo}/events`, {
      token: CANARIES.ADMIN_TOKEN,
    })
    expect(response.status).toBe(200)
    const wrong = await app.request('GET', '/api/admin/stats', { token: 'not-the-admin-token' })
    expect(wrong.status).toBe(401)
  })

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await startTestApp({
      db,
      sim: app.sim,
      env: { PUBLIC_BASE_URL: 'https://shop.example/' },
    })
    try {
      const response = await secure.request('POST', '/api/admin/session', {
        body: { token: CANARIES.ADMIN_TOKEN },
        headers: CONSOLE,
      })
      expect(response.status).toBe(201)
      expect(response.headers.get('set-cookie')).toMatch(/; Secure$/)
    } finally {
      await secure.close()
    }
  })
})
