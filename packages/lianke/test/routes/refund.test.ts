import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { LiankeClient } from '../../src/index'
import { LiankeBusinessError, LiankeRequestError } from '../../src/index'
import type { SimHarness } from '../helpers/simulator-harness'
import {
  WECHAT_OPENID,
  freshOrderNo,
  startHarness,
  wechatOrder,
} from '../helpers/simulator-harness'

let h: SimHarness
let client: LiankeClient

beforeAll(async () => {
  h = await startHarness()
  client = h.client()
})
afterEach(async () => {
  await h.clearFaults()
})
afterAll(async () => {
  await h.close()
})

/** Creates an order of `amount` fen and pays it in the simulated wallet. */
async function paidOrder(amount: number): Promise<string> {
  const orderNo = freshOrderNo('R')
  const created = await client.jsapiPay(wechatOrder(orderNo, amount))
  await h.pay(created.cloudpay_param ?? '', WECHAT_OPENID)
  expect((await client.query({ order_no: orderNo })).transaction_status).toBe('SUCCESSED')
  return orderNo
}

describe('refund', () => {
  it('lets partial refunds add up to the paid amount and refuses one more fen', async () => {
    const orderNo = await paidOrder(1000)
    const first = await client.refund({
      order_no: orderNo,
      refund_no: `${orderNo}a`,
      refund_amount: 300,
    })
    expect(first).toMatchObject({ transaction_status: 'REFUNDED', refund_amount: 300 })
    const second = await client.refund({
      order_no: orderNo,
      refund_no: `${orderNo}b`,
      refund_amount: 700,
    })
    expect(second.transaction_status).toBe('REFUNDED')

    const third = client.refund({ order_no: orderNo, refund_no: `${orderNo}c`, refund_amount: 1 })
    await expect(third).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(third).rejects.toMatchObject({ resultCode: 'REFUND_AMOUNT_EXCEEDED', attempts: 1 })
  })

  it('answers the same result for a reused refund_no without refunding twice', async () => {
    const orderNo = await paidOrder(500)
    const request = { order_no: orderNo, refund_no: `${orderNo}x`, refund_amount: 400 }
    const first = await client.refund(request)
    const again = await client.refund(request)
    expect(again.transaction_status).toBe(first.transaction_status)
    expect(again.refund_transaction_no).toBe(first.refund_transaction_no)
    // Had the repeat refunded again, 400 + 400 > 500 and the simulator would have refused it.
    const rest = await client.refund({
      order_no: orderNo,
      refund_no: `${orderNo}y`,
      refund_amount: 100,
    })
    expect(rest.transaction_status).toBe('REFUNDED')
  })

  it('retries a reset with the same refund_no and refunds once', async () => {
    const orderNo = await paidOrder(200)
    await h.setFaults({ routes: ['QuickPay/Refund'], reset_after_processing: true, times: 1 })
    const result = await client.refund({
      order_no: orderNo,
      refund_no: `${orderNo}r`,
      refund_amount: 200,
    })
    expect(result.transaction_status).toBe('REFUNDED')
    const more = client.refund({ order_no: orderNo, refund_no: `${orderNo}s`, refund_amount: 1 })
    await expect(more).rejects.toMatchObject({ resultCode: 'REFUND_AMOUNT_EXCEEDED' })
  })

  it('refuses a refund larger than the stated order amount before sending', async () => {
    const before = await h.calls('QuickPay/Refund')
    const promise = client.refund({
      order_no: freshOrderNo(),
      refund_no: freshOrderNo(),
      amount: 100,
      refund_amount: 101,
    })
    await expect(promise).rejects.toBeInstanceOf(LiankeRequestError)
    await expect(promise).rejects.toThrow(/refund_amount: must not exceed the order amount/)
    expect(await h.calls('QuickPay/Refund')).toBe(before)
  })

  it('refuses an operator of 17 characters before sending', async () => {
    const promise = client.refund({
      order_no: freshOrderNo(),
      refund_no: freshOrderNo(),
      refund_amount: 1,
      operator: 'P'.repeat(17),
    })
    await expect(promise).rejects.toMatchObject({
      fields: [{ field: 'operator', rule: 'must be 1-16 characters long' }],
    })
  })
})

describe('refundQuery', () => {
  it("answers a refund's final state", async () => {
    const orderNo = await paidOrder(800)
    await client.refund({ order_no: orderNo, refund_no: `${orderNo}q`, refund_amount: 250 })
    const result = await client.refundQuery({ order_no: orderNo, refund_order_no: `${orderNo}q` })
    expect(result).toMatchObject({ transaction_status: 'REFUNDED', refund_amount: 250 })
  })

  it('retries a 503 and reports an unknown refund as a business error', async () => {
    const orderNo = await paidOrder(100)
    await h.setFaults({ routes: ['QuickPay/RefundQuery'], http_status: 503, times: 1 })
    const promise = client.refundQuery({ order_no: orderNo, refund_order_no: 'missing' })
    await expect(promise).rejects.toBeInstanceOf(LiankeBusinessError)
    await expect(promise).rejects.toMatchObject({ attempts: 2 })
  })
})
