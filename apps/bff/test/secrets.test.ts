import { readFileSync } from 'node:fs'

import { SIMULATOR_DEFAULTS, SIMULATOR_FIXTURES } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from './support/databases'
import { createOrder, orderNoOf } from './support/orders'
import { CANARIES, setFaults, clearFaults, startTestApp, type TestApp } from './support/test-app'

/** The base64 body of a PEM key: no line of it may leak. */
function pemBody(path: string): string {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('-----'))
    .join('')
    .slice(0, 40)
}

describe.each(TEST_DATABASES)('secrets stay secret on %s (S3)', (db) => {
  let app: TestApp
  const openids: string[] = []
  beforeAll(async () => {
    app = await startTestApp({ db })
    for (const channel of [
      'wechat-miniprogram',
      'wechat-official-account',
      'alipay-miniprogram',
      'alipay-service-window',
    ] as const) {
      const minted = await fetch(`${app.sim.url}/__sim/login-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, user: 'canary-user' }),
      })
      const { code, openid } = (await minted.json()) as { code: string; openid: string }
      openids.push(openid)
      const session = await app.request('POST', '/api/sessions', { body: { channel, code } })
      const { token } = session.json as { token: string }
      const created = await createOrder(app, token)
      const orderNo = orderNoOf(created)
      await app.request('GET', `/api/orders/${orderNo}`, { token })
      await app.request('POST', `/api/orders/${orderNo}/claims`, {
        token,
        body: { outcome: 'claimed_paid' },
      })
      await app.request('POST', '/api/sandbox/payments', {
        token,
        body: { order_no: orderNo, outcome: 'success' },
      })
      await app.request('POST', `/api/orders/${orderNo}/payment`, { token })
      await app.request('POST', `/api/orders/${orderNo}/cancel`, { token })
      await app.request('POST', '/api/sessions', { body: { channel, code } })
      await setFaults(app.sim, {
        routes: ['QuickPay/JSAPIPay'],
        business_error: { code: 'X', msg: openid },
        times: 1,
      })
      await createOrder(app, token)
      await clearFaults(app.sim)
    }
    await app.request('GET', `/notify/lianke/${CANARIES.NOTIFY_SECRET}`)
    await app.request('GET', '/api/config')
  })
  afterAll(async () => {
    await app.close()
  })

  it('never puts an app secret, the notify secret, a key, a session_key or a payer id in a response or a log line', () => {
    const canaries = [
      CANARIES.NOTIFY_SECRET,
      CANARIES.ADMIN_TOKEN,
      SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
      SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
      pemBody(SIMULATOR_FIXTURES.alipayAppPrivateKeyPath),
      ...app.sessionKeys,
      ...openids,
    ]
    expect(app.sessionKeys.length).toBeGreaterThan(0)
    expect(app.logs.length).toBeGreaterThan(10)
    for (const canary of canaries) {
      for (const body of app.bodies) expect(body).not.toContain(canary)
      for (const line of app.logs) expect(line).not.toContain(canary)
    }
  })
})
