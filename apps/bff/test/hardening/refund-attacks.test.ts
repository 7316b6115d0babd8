import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from '../support/databases'
import { CART_AMOUNT } from '../support/orders'
import {
  paidOrder as paid,
  refundCalls as calls,
  requestRefund,
  type RefundBody,
} from '../support/refunds'
import {
  clearFaults,
  setFaults,
  startTestApp,
  type TestApp,
  type TestResponse,
} from '../support/test-app'

// Regression tests for issue #12: a refund retried after a timeout paid out twice, and concurrent
// copies of one refund all went upstream.

describe.each(TEST_DATABASES)(
  '#12 refunds are exactly-once under retries and races on %s',
  (db) => {
    let app: TestApp
    let shopper: string

    const paidOrder = () => paid(app, shopper)
    const refund = (orderNo: string, body: unknown, key?: string): Promise<TestResponse> =>
      requestRefund(app, orderNo, body, key)
    const refundCalls = () => calls(app)

    function refundedAtAggregator(orderNo: string): number {
      return (app.sim.state.findOrder(orderNo)?.refunds ?? [])
        .filter((item) => item.status === 'REFUNDED')
        .reduce((sum, item) => sum + item.refund_amount, 0)
    }

    beforeAll(async () => {
      app = await startTestApp({
        db,
        env: { MAX_OPEN_ORDERS_PER_SHOPPER: '100', RATE_LIMIT_ORDERS_PER_MINUTE: '1000' },
      })
      shopper = await app.login('wechat-miniprogram', 'refund-attacker')
    })
    afterAll(async () => {
      await app.close()
    })
    afterEach(async () => {
      await clearFaults(app.sim)
    })

    it('refuses a refund without an Idempotency-Key (400) and sends nothing upstream', async () => {
      const orderNo = await paidOrder()
      const before = await refundCalls()
      const response = await refund(orderNo, { amount: 100 })
      expect(response.status).toBe(400)
      expect(response.json).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } })
      expect(await refundCalls()).toBe(before)
    })

    it('answers a refund whose answer was lost as pending, naming its refund_no; the retry with the key pays out once', async () => {
      const orderNo = await paidOrder()
      const key = randomUUID()
      // The aggregator executes the refund, then the connection drops before its answer.
      await setFaults(app.sim, { routes: ['QuickPay/Refund'], reset_after_processing: true })
      const timedOut = await refund(orderNo, { amount: 3000 }, key)
      expect(timedOut.status).toBe(202)
      expect(timedOut.headers.get('retry-after')).not.toBeNull()
      const pending = (timedOut.json as RefundBody).refund
      expect(pending).toMatchObject({ amount: 3000, status: 'pending' })
      expect(pending.refund_no).toMatch(/^R[0-9a-f]{31}$/)
      await clearFaults(app.sim)

      const retried = await refund(orderNo, { amount: 3000 }, key)
      expect(retried.status).toBe(201)
      expect((retried.json as RefundBody).refund).toMatchObject({
        refund_no: pending.refund_no,
        status: 'refunded',
      })
      expect(refundedAtAggregator(orderNo)).toBe(3000)
      expect((retried.json as RefundBody).order.refunded_amount).toBe(3000)
    })

    it('sends 20 concurrent copies of one refund upstream once: the rest are 409 with a short Retry-After or the replay', async () => {
      const orderNo = await paidOrder()
      const key = randomUUID()
      const before = await refundCalls()
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => refund(orderNo, { amount: 1000 }, key)),
      )
      const statuses = answers.map((answer) => answer.status)
      expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1)
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true)
      for (const answer of answers.filter((item) => item.status === 409)) {
        expect(answer.headers.get('retry-after')).toBe('1')
      }
      expect((await refundCalls()) - before).toBe(1)
      const replay = await refund(orderNo, { amount: 1000 }, key)
      expect(replay.status).toBe(201)
      expect(refundedAtAggregator(orderNo)).toBe(1000)
      expect(CART_AMOUNT).toBeGreaterThan(1000)
    })
  },
)
