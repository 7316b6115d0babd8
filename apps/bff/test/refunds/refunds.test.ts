import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createReconciler } from '../../src/services/reconciler'
import { retryPendingRefund } from '../../src/services/refund-order'
import { TEST_DATABASES } from '../support/databases'
import { CART_AMOUNT, createOrder, orderNoOf } from '../support/orders'
import {
  paidOrder as paid,
  refundCalls as calls,
  requestRefund,
  type RefundBody,
} from '../support/refunds'
import {
  clearFaults,
  setFaults,
  simStats,
  startTestApp,
  type TestApp,
  type TestResponse,
} from '../support/test-app'

describe.each(TEST_DATABASES)('refunds on %s', (db) => {
  let app: TestApp
  let alice: string

  const paidOrder = () => paid(app, alice)
  /** A refund request; every call is a new intent (a new key) unless `key` repeats one. */
  const refund = (orderNo: string, body: unknown, key = randomUUID()): Promise<TestResponse> =>
    requestRefund(app, orderNo, body, key)
  const refundCalls = () => calls(app)

  beforeAll(async () => {
    app = await startTestApp({
      db,
      env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
    })
    alice = await app.login('wechat-miniprogram', 'alice')
  })
  afterAll(async () => {
    await app.close()
  })
  beforeEach(() => {
    app.clock.advance(10_000)
  })
  afterEach(async () => {
    await clearFaults(app.sim)
  })

  it('refunds part, then the rest: partially_refunded, then refunded', async () => {
    const orderNo = await paidOrder()
    const first = await refund(orderNo, { amount: 1000, reason: '少发一件' })
    expect(first.status).toBe(201)
    const firstBody = first.json as RefundBody
    expect(firstBody.refund).toMatchObject({ amount: 1000, status: 'refunded' })
    expect(firstBody.refund.refund_no.length).toBeLessThanOrEqual(32)
    expect(firstBody.order).toMatchObject({ status: 'partially_refunded', refunded_amount: 1000 })
    const second = await refund(orderNo, { amount: CART_AMOUNT - 1000 })
    expect(second.status).toBe(201)
    expect((second.json as RefundBody).order).toMatchObject({
      status: 'refunded',
      refunded_amount: CART_AMOUNT,
    })
    const simOrder = app.sim.state.findOrder(orderNo)
    expect(simOrder?.refunds.map((item) => item.status)).toEqual(['REFUNDED', 'REFUNDED'])
  })

  it('refuses refunds beyond the amount paid with 422 and calls nobody', async () => {
    const orderNo = await paidOrder()
    expect((await refund(orderNo, { amount: CART_AMOUNT - 100 })).status).toBe(201)
    const before = await refundCalls()
    const over = await refund(orderNo, { amount: 101 })
    expect(over.status).toBe(422)
    expect((over.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'REFUND_EXCEEDS_PAID',
      message: expect.stringContaining('100 fen') as unknown,
    })
    expect(await refundCalls()).toBe(before)
  })

  it('refuses to refund an unpaid order with 409', async () => {
    const orderNo = orderNoOf(await createOrder(app, alice))
    const response = await refund(orderNo, { amount: 100 })
    expect(response.status).toBe(409)
    expect((response.json as { error: { code: string } }).error.code).toBe('ORDER_NOT_REFUNDABLE')
  })

  it('validates the body with the contract (amount in fen, nothing else)', async () => {
    const orderNo = await paidOrder()
    for (const body of [
      { amount: 0 },
      { amount: 1.5 },
      { amount: '100' },
      { amount: 1, extra: 1 },
    ]) {
      const response = await refund(orderNo, body)
      expect(response.status).toBe(400)
      expect((response.json as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED')
    }
  })

  it('answers the same refund for the same Idempotency-Key, and 422 for another amount', async () => {
    const orderNo = await paidOrder()
    const key = randomUUID()
    const first = await refund(orderNo, { amount: 500 }, key)
    const again = await refund(orderNo, { amount: 500 }, key)
    expect(again.status).toBe(201)
    expect((again.json as RefundBody).refund.refund_no).toBe(
      (first.json as RefundBody).refund.refund_no,
    )
    expect((again.json as RefundBody).order.refunded_amount).toBe(500)
    const changed = await refund(orderNo, { amount: 600 }, key)
    expect(changed.status).toBe(422)
    expect(app.sim.state.findOrder(orderNo)?.refunds).toHaveLength(1)
  })

  it('replays a done refund byte for byte for its key, and keeps keys apart per order', async () => {
    const orderNo = await paidOrder()
    const key = randomUUID()
    const first = await refund(orderNo, { amount: 300 }, key)
    expect(first.status).toBe(201)
    const calls = await refundCalls()
    const replay = await refund(orderNo, { amount: 300 }, key)
    expect(replay.status).toBe(201)
    expect(replay.text).toBe(first.text)
    expect(await refundCalls()).toBe(calls)
    const other = await paidOrder()
    const elsewhere = await refund(other, { amount: 300 }, key)
    expect(elsewhere.status).toBe(201)
    expect((elsewhere.json as RefundBody).refund.refund_no).not.toBe(
      (first.json as RefundBody).refund.refund_no,
    )
  })

  it('reuses the refund_no when a refund is retried after an aggregator error', async () => {
    const orderNo = await paidOrder()
    const key = randomUUID()
    await setFaults(app.sim, { routes: ['QuickPay/Refund'], http_status: 503, times: 3 })
    const failed = await refund(orderNo, { amount: 700 }, key)
    // Not final: answered pending with the refund_no the retry will resend.
    expect(failed.status).toBe(202)
    const [pending] = await app.deps.repository.refunds.list(orderNo)
    expect(pending).toMatchObject({ status: 'pending', amount: 700 })
    expect((failed.json as RefundBody).refund).toMatchObject({
      refund_no: pending?.refund_no,
      status: 'pending',
    })
    await clearFaults(app.sim)
    const retried = await refund(orderNo, { amount: 700 }, key)
    expect(retried.status).toBe(201)
    expect((retried.json as RefundBody).refund.refund_no).toBe(pending?.refund_no)
    expect(app.sim.state.findOrder(orderNo)?.refunds.map((item) => item.refund_no)).toEqual([
      pending?.refund_no,
    ])
  })

  it('marks a refund the aggregator refuses as failed, and retries it with the same refund_no', async () => {
    const orderNo = await paidOrder()
    const key = randomUUID()
    await setFaults(app.sim, { routes: ['QuickPay/Refund'], refund_outcome: 'fail' })
    const refused = await refund(orderNo, { amount: 300 }, key)
    expect(refused.status).toBe(502)
    expect((refused.json as { error: { code: string } }).error.code).toBe('REFUND_REJECTED')
    const [failed] = await app.deps.repository.refunds.list(orderNo)
    expect(failed?.status).toBe('failed')
    await clearFaults(app.sim)
    const retried = await refund(orderNo, { amount: 300 }, key)
    expect(retried.status).toBe(201)
    expect((retried.json as RefundBody).refund.refund_no).toBe(failed?.refund_no)
  })

  it('finishes a refund whose answer was lost through RefundQuery, from the reconciler', async () => {
    const orderNo = await paidOrder()
    await setFaults(app.sim, {
      routes: ['QuickPay/Refund'],
      reset_after_processing: true,
      times: 3,
    })
    const lost = await refund(orderNo, { amount: 400 })
    expect(lost.status).toBe(202)
    await clearFaults(app.sim)
    const [pending] = await app.deps.repository.refunds.list(orderNo)
    expect(pending?.status).toBe('pending')
    const reconciler = createReconciler({
      repository: app.deps.repository,
      confirmer: app.deps.confirmer,
      clock: app.clock,
      logger: app.deps.logger,
      intervalMs: 5_000,
      firstDelayMs: 60_000,
      maxDelayMs: 900_000,
      instanceName: 'test-instance',
      owner: 'test-instance#t1',
      leaseMs: 30_000,
      retryRefund: (item) => retryPendingRefund(app.deps, item),
    })
    const refundQueriesBefore = (await simStats(app.sim)).calls['QuickPay/RefundQuery'] ?? 0
    app.clock.advance(61_000)
    await reconciler.runOnce()
    expect((await app.deps.repository.refunds.find(pending?.refund_no ?? ''))?.status).toBe(
      'refunded',
    )
    expect((await simStats(app.sim)).calls['QuickPay/RefundQuery']).toBe(refundQueriesBefore + 1)
    expect(app.sim.state.findOrder(orderNo)?.refunds).toHaveLength(1)
    const order = await app.deps.repository.orders.find(orderNo)
    expect(order).toMatchObject({ status: 'partially_refunded', refunded_amount: 400 })
  })
})
