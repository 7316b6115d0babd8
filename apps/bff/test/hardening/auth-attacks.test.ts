import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

// Regression tests for issue #12: the Bearer scheme was case-sensitive on shopper routes only,
// and wrong admin tokens could be tried without limit.

const ADMIN_FAILURES_PER_MINUTE = 10

describe('#12 authentication at the edge', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({
      db: 'sqlite',
      env: { RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE: String(ADMIN_FAILURES_PER_MINUTE) },
    })
  })
  afterAll(async () => {
    await app.close()
  })

  it('reads the Bearer scheme in any letter case on shopper routes, as on admin routes (RFC 7235)', async () => {
    const token = await app.login()
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const mine = await app.request('GET', '/api/orders', {
        headers: { authorization: `${scheme} ${token}` },
      })
      expect(mine.status).toBe(200)
      const admin = await app.request('GET', '/api/admin/orders', {
        headers: { authorization: `${scheme} ${CANARIES.ADMIN_TOKEN}` },
      })
      expect(admin.status).toBe(200)
    }
  })

  it('throttles wrong admin tokens per address: after the limit even the right token waits', async () => {
    const statuses: number[] = []
    for (let i = 0; i <= ADMIN_FAILURES_PER_MINUTE; i += 1) {
      const response = await app.request('GET', '/api/admin/orders', {
        headers: { authorization: `Bearer wrong-admin-token-${i}-0123456789` },
      })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, ADMIN_FAILURES_PER_MINUTE).every((status) => status === 401)).toBe(
      true,
    )
    expect(statuses.at(-1)).toBe(429)
    const blocked = await app.request('GET', '/api/admin/orders', {
      headers: { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` },
    })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Shoppers are not affected by the merchant door's bucket.
    expect((await app.request('GET', '/api/products')).status).toBe(200)
    // The limits count in minutes of the wall clock (rate-limiter-flexible reads Date.now()).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 })
    try {
      const later = await app.request('GET', '/api/admin/orders', {
        headers: { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` },
      })
      expect(later.status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })
})
