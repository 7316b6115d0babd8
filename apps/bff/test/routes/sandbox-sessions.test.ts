import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { startTestApp, type TestApp } from '../support/test-app'

interface SessionAnswer {
  token: string
  channel: string
}

describe.each(TEST_DATABASES)('POST /api/sandbox/sessions (the IDE login) on %s', (db) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db })
  })
  afterAll(async () => {
    await app.close()
  })

  it.each(['wechat-miniprogram', 'alipay-miniprogram'] as const)(
    'gives %s a working session through the ordinary code exchange, always as the same sandbox shopper',
    async (channel) => {
      const first = await app.request('POST', '/api/sandbox/sessions', { body: { channel } })
      expect(first.status).toBe(201)
      const { token } = first.json as SessionAnswer
      expect(first.json).toMatchObject({ channel })
      const created = await app.request('POST', '/api/orders', {
        token,
        headers: { 'Idempotency-Key': `ide-${channel}` },
        body: { items: [{ sku: 'longjing-tea-250g', quantity: 1 }] },
      })
      expect(created.status).toBe(201)
      const orderNo = (created.json as { order: { order_no: string } }).order.order_no

      // A second IDE run logs in again and still sees the order: one payer per channel.
      const second = await app.request('POST', '/api/sandbox/sessions', { body: { channel } })
      const again = (second.json as SessionAnswer).token
      expect(again).not.toBe(token)
      const mine = await app.request('GET', `/api/orders/${orderNo}`, { token: again })
      expect(mine.status).toBe(200)
    },
  )

  it('refuses a body without a known channel with the field named', async () => {
    const response = await app.request('POST', '/api/sandbox/sessions', {
      body: { channel: 'paypal' },
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.json)).toContain('channel')
  })

  it('does not exist when SANDBOX is off', async () => {
    const strict = await startTestApp({ db, sim: app.sim, env: { SANDBOX: 'false' } })
    try {
      const response = await strict.request('POST', '/api/sandbox/sessions', {
        body: { channel: 'wechat-miniprogram' },
      })
      expect(response.status).toBe(404)
      expect((await strict.request('GET', '/api/config')).json).toMatchObject({ sandbox: false })
    } finally {
      await strict.close()
    }
  })
})
