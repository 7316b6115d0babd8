import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createReconciler } from '../../src/services/reconciler'
import { TEST_DATABASES } from '../support/databases'
import { createOrder, orderNoOf } from '../support/orders'
import { startTestApp, type TestApp } from '../support/test-app'

// Regression test for issue #12: a SIGKILLed instance's reconciler leases held its orders for a
// fixed 120 s although nothing was running.

const MINUTE = 60_000

describe.each(TEST_DATABASES)('#12 reconciler leases after a crash on %s', (db) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db, env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100' } })
  })
  afterAll(async () => {
    await app.close()
  })

  function reconciler(instanceName: string) {
    return createReconciler({
      repository: app.deps.repository,
      confirmer: app.deps.confirmer,
      clock: app.clock,
      logger: app.deps.logger,
      intervalMs: 5_000,
      firstDelayMs: MINUTE,
      maxDelayMs: 15 * MINUTE,
      instanceName,
      owner: `${instanceName}#boot2`,
      leaseMs: 30_000,
    })
  }

  it('a restarted instance takes back at once what its earlier life held, never what a live one holds', async () => {
    const token = await app.login('wechat-miniprogram', 'lease-holder')
    const mine = orderNoOf(await createOrder(app, token))
    const theirs = orderNoOf(await createOrder(app, token))
    app.clock.advance(2 * MINUTE)
    const now = app.clock.now()
    // node-a's earlier life leased `mine` and died; node-b, alive, holds `theirs`.
    await app.deps.repository.orders.update(
      mine,
      { lease_owner: 'node-a#dead01', lease_until: now + 30_000 },
      now,
    )
    await app.deps.repository.orders.update(
      theirs,
      { lease_owner: 'node-b#alive1', lease_until: now + 30_000 },
      now,
    )

    const summary = await reconciler('node-a').runOnce()
    expect(summary.checked).toBe(1)
    expect((await app.deps.repository.orders.find(mine))?.lease_owner).toBeNull()
    expect((await app.deps.repository.orders.find(theirs))?.lease_owner).toBe('node-b#alive1')
  })

  it('a restarted instance gives back the Idempotency-Keys its earlier life held in flight, never a live one’s', async () => {
    const token = await app.login('wechat-miniprogram', 'key-holder')
    const session = await app.request('GET', '/api/orders', { token })
    expect(session.status).toBe(200)
    const now = app.clock.now()
    const record = {
      request_hash: 'h',
      state: 'in_flight' as const,
      response_status: null,
      response_body: null,
      order_no: null,
      created_at: now,
      expires_at: now + 3_600_000,
      locked_until: now + 20_000,
    }
    const { idempotency } = app.deps.repository
    await idempotency.insert({ ...record, payer_id: 'p', key: 'dead', lock_owner: 'node-a#dead01' })
    await idempotency.insert({ ...record, payer_id: 'p', key: 'live', lock_owner: 'node-b#alive1' })
    await idempotency.insert({ ...record, payer_id: 'p', key: 'mine', lock_owner: 'node-a#boot2' })
    expect(await idempotency.releaseEarlierLives('node-a', 'node-a#boot2', now)).toBe(1)
    expect((await idempotency.find('p', 'dead'))?.locked_until).toBe(now)
    expect((await idempotency.find('p', 'live'))?.locked_until).toBe(now + 20_000)
    expect((await idempotency.find('p', 'mine'))?.locked_until).toBe(now + 20_000)
  })

  it('a holder that lost its lease cannot renew it', async () => {
    const token = await app.login('wechat-miniprogram', 'lease-loser')
    const orderNo = orderNoOf(await createOrder(app, token))
    const now = app.clock.now()
    await app.deps.repository.orders.update(
      orderNo,
      { lease_owner: 'node-c#one', lease_until: now - 1 },
      now,
    )
    const { orders } = app.deps.repository
    expect(await orders.renewLease(orderNo, 'node-c#one', now, now + 30_000)).toBe(false)
    await orders.update(orderNo, { lease_owner: 'node-d#two', lease_until: now + 30_000 }, now)
    expect(await orders.renewLease(orderNo, 'node-c#one', now, now + 30_000)).toBe(false)
    expect(await orders.renewLease(orderNo, 'node-d#two', now, now + 60_000)).toBe(true)
  })
})
