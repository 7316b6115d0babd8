import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadEnv } from '../../src/env'
import { createOrder } from '../support/orders'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

// Regression tests for issue #12 (an outside attack on the running BFF): the notify secret in
// logs, missing browser security headers, the undocumented 415 and a spoofable client address.

const INLINE_SCRIPT = 'document.documentElement.style.fontSize="20px"'

function storeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qp-static-'))
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script defer src="/js/app.js"></script></head><body></body></html>`,
  )
  return dir
}

describe('#12 hardening at the HTTP edge', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db: 'sqlite', env: { STATIC_DIR: storeFolder() } })
  })
  afterAll(async () => {
    await app.close()
  })

  it('never logs the notify secret, however the path spells it', async () => {
    const secret = CANARIES.NOTIFY_SECRET
    const encodedFirst = `%${secret.charCodeAt(0).toString(16)}${secret.slice(1)}`
    const spellings = [
      `/NOTIFY/LIANKE/${secret}`,
      `/notify/lianke/${secret.toUpperCase()}`,
      `//notify/lianke/${secret}`,
      `/notify//lianke/${secret}`,
      `/%6Eotify/lianke/${secret}`,
      `/notify/lianke/${encodedFirst}`,
      `/notify/lianke/${encodeURIComponent(encodedFirst)}`,
      `/api/orders/${secret}`,
    ]
    for (const path of spellings) await app.request('POST', path, { rawBody: 'order_no=Q1' })
    const lines = app.logs.filter((line) => line.includes('"request"'))
    expect(lines.length).toBeGreaterThanOrEqual(spellings.length)
    for (const line of app.logs) {
      expect(line.toLowerCase()).not.toContain(secret.toLowerCase())
      expect(line).not.toContain(secret.slice(1))
    }
    expect(app.logs.join('\n')).toContain('[redacted]')
  })

  it('routes only the exact spelling: another letter case or a trailing slash is not a route', async () => {
    const secret = CANARIES.NOTIFY_SECRET
    const token = await app.login()
    const variants: [string, string][] = [
      ['POST', `/NOTIFY/LIANKE/${secret}`],
      ['POST', `/notify/lianke/${secret}/`],
      ['POST', '/API/ORDERS'],
      ['POST', '/api/orders/'],
    ]
    for (const [method, path] of variants) {
      const response = await app.request(method, path, {
        token,
        rawBody: '{}',
        headers: { 'content-type': 'application/json' },
      })
      expect(`${method} ${path} → ${response.status}`).toMatch(/→ 404$/)
    }
    expect((await app.request('GET', '/api/orders', { token })).status).toBe(200)
  })

  it('sends a CSP the H5 store satisfies, no framing, no referrer and nosniff on every answer', async () => {
    for (const path of ['/', '/api/products', '/no-such-route']) {
      const { headers } = await app.request('GET', path)
      const csp = headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(headers.get('x-frame-options')).toBe('DENY')
      expect(headers.get('referrer-policy')).toBe('no-referrer')
      expect(headers.get('x-content-type-options')).toBe('nosniff')
      expect(headers.get('strict-transport-security')).toBeNull()
    }
    const { headers } = await app.request('GET', '/')
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64')
    expect(headers.get('content-security-policy')).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(headers.get('content-security-policy')).not.toContain("'unsafe-inline' ;")
  })

  it('marks authenticated JSON no-store, and lets product images be shown from another origin', async () => {
    const token = await app.login()
    const mine = await app.request('GET', '/api/orders', { token })
    expect(mine.status).toBe(200)
    expect(mine.headers.get('cache-control')).toBe('no-store')
    const refused = await app.request('GET', '/api/orders', { token: 'not-a-session' })
    expect(refused.headers.get('cache-control')).toBe('no-store')
    const products = (await app.request('GET', '/api/products')).json as {
      products: { image_url: string }[]
    }
    const image = await app.request('GET', products.products[0]?.image_url ?? '/images/none')
    expect(image.status).toBe(200)
    expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })

  it('answers 415 to a body that is not JSON on a JSON route, before validation', async () => {
    const token = await app.login()
    for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await app.request('POST', '/api/orders', {
        token,
        rawBody: '<items/>',
        headers: { 'content-type': type, 'Idempotency-Key': `xml-${type}` },
      })
      expect(response.status).toBe(415)
      expect(response.json).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } })
    }
    expect((await createOrder(app, token)).status).toBe(201)
    const bare = await app.request('POST', '/api/orders/Q0/cancel', { token })
    expect(bare.status).toBe(404)
  })
})

describe('#12 the client address behind a proxy', () => {
  it('counts logins per real client with TRUST_PROXY_HOPS=1, whatever the client writes in X-Forwarded-For', async () => {
    const app = await startTestApp({
      db: 'sqlite',
      env: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_SESSIONS_PER_MINUTE: '3' },
    })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 6; i += 1) {
        // The client invents a new address each time; the proxy appends the one it saw.
        const response = await app.request('POST', '/api/sessions', {
          headers: { 'X-Forwarded-For': `203.0.113.${i}, 198.51.100.7` },
          body: { channel: 'wechat-miniprogram', code: `bogus-${i}` },
        })
        statuses.push(response.status)
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429])
      // Another shopper behind the same proxy has a bucket of their own.
      const other = await app.request('POST', '/api/sessions', {
        headers: { 'X-Forwarded-For': '198.51.100.8' },
        body: { channel: 'wechat-miniprogram', code: 'bogus-other' },
      })
      expect(other.status).toBe(401)
    } finally {
      await app.close()
    }
  })

  it('refuses the old TRUST_PROXY switch with a message naming its replacement', () => {
    expect(() =>
      loadEnv({
        NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
        ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
        WECHAT_MINIPROGRAM_SECRET: 's',
        WECHAT_OA_SECRET: 's',
        TRUST_PROXY: 'true',
      }),
    ).toThrow(/TRUST_PROXY.*TRUST_PROXY_HOPS/)
  })
})
