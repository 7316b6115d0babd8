import type {
  CreateOrderResponse,
  ShopperOrder,
  OrderStatus,
  PaymentClaimRequest,
} from '@quickpay/contracts'

import { StoreError } from '../../src/errors/store-error'
import { wechatPayment } from './payments'

/** An order as the BFF answers it. */
export function order(status: OrderStatus, orderNo = 'Q20261125000000ABCDEFGHJK'): ShopperOrder {
  return {
    order_no: orderNo,
    status,
    amount: 6800,
    items: [{ sku: 'coffee-500g', name: '云南小粒咖啡豆 500g', quantity: 1, price: 6800 }],
    channel: 'wechat-official-account',
    created_at: '2026-11-25T12:00:00.000Z',
    expires_at: '2026-11-25T12:15:00.000Z',
    server_time: '2026-11-25T12:00:00.000Z',
    ...(status === 'pending' ? { seconds_to_expiry: 900 } : {}),
    refunded_amount: 0,
  }
}

/**
 * A scripted BFF for the payment controller: `statuses` is what successive GETs answer (the last
 * one repeats); every call is recorded.
 */
export function scriptedBff(statuses: (OrderStatus | 'error')[]) {
  const calls = {
    getOrder: 0,
    paymentFor: [] as string[],
    claims: [] as PaymentClaimRequest[],
  }
  let index = 0
  return {
    calls,
    client: {
      getOrder(orderNo: string): Promise<ShopperOrder> {
        calls.getOrder += 1
        const status = statuses[Math.min(index, statuses.length - 1)] ?? 'pending'
        index += 1
        if (status === 'error') return Promise.reject(new StoreError('NETWORK_ERROR'))
        return Promise.resolve(order(status, orderNo))
      },
      paymentFor(orderNo: string): Promise<CreateOrderResponse> {
        calls.paymentFor.push(orderNo)
        return Promise.resolve({ order: order('pending', orderNo), payment: wechatPayment })
      },
      claim(_orderNo: string, claim: PaymentClaimRequest): Promise<void> {
        calls.claims.push(claim)
        return Promise.resolve()
      },
    },
  }
}

/** A fake clock whose sleeper advances time instantly and records every wait. */
export function fakeClock(start = Date.parse('2026-11-25T12:00:00.000Z')) {
  let now = start
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    elapsed: () => now - start,
    sleep: async (ms: number) => {
      waits.push(ms)
      now += ms
      await Promise.resolve()
    },
  }
}
