import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createOrder, orderNoOf } from '../support/orders'
import { notify, payOrder, simPayResult } from '../support/payments'
import { startTestApp, type TestApp } from '../support/test-app'

describe('the notification acknowledgement (NOTIFY_ACK)', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp({ db: 'sqlite', env: { NOTIFY_ACK: 'OK' } })
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers exactly the configured token, OK, once the payment is durable', async () => {
    const alice = await app.login('wechat-miniprogram', 'alice')
    const orderNo = orderNoOf(await createOrder(app, alice))
    await payOrder(app, alice, orderNo)
    const response = await notify(app, JSON.stringify(await simPayResult(app.sim, orderNo)))
    expect(response.status).toBe(200)
    expect(response.text).toBe('OK')
    expect(response.headers.get('content-length')).toBe('2')
    expect((await app.deps.repository.orders.find(orderNo))?.status).toBe('paid')
  })
})
