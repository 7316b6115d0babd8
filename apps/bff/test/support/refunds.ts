import { createOrder, orderNoOf } from './orders'
import { notify, payOrder } from './payments'
import { CANARIES, simStats, type TestApp, type TestResponse } from './test-app'

/** The merchant's Authorization header. */
export const ADMIN = { authorization: `Bearer ${CANARIES.ADMIN_TOKEN}` }

/** A refund answer as the tests read it. */
export interface RefundBody {
  refund: { refund_no: string; amount: number; status: string }
  order: { status: string; refunded_amount: number }
}

/** An order of `token`'s shopper, paid through the wallet and confirmed by its notification. */
export async function paidOrder(app: TestApp, token: string): Promise<string> {
  const orderNo = orderNoOf(await createOrder(app, token))
  await payOrder(app, token, orderNo)
  app.clock.advance(10_000)
  const answer = await notify(app, JSON.stringify({ order_no: orderNo }))
  if (answer.text !== 'SUCCESS') throw new Error(`notification answered ${answer.text}`)
  return orderNo
}

/** `POST /api/admin/orders/:order_no/refunds` with `key` as Idempotency-Key (none when undefined). */
export function requestRefund(
  app: TestApp,
  orderNo: string,
  body: unknown,
  key: string | undefined,
): Promise<TestResponse> {
  return app.request('POST', `/api/admin/orders/${orderNo}/refunds`, {
    body,
    headers: { ...ADMIN, ...(key === undefined ? {} : { 'idempotency-key': key }) },
  })
}

/** How many Refund calls the simulated aggregator has answered. */
export async function refundCalls(app: TestApp): Promise<number> {
  return (await simStats(app.sim)).calls['QuickPay/Refund'] ?? 0
}
