import type { OrderRecord } from '../../src/store/records'

/** A stored order for store-level tests (payer-1, WeChat, 100 fen, pending, due at 1 500); `overrides` change any field. */
export function orderRecord(orderNo: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    order_no: orderNo,
    payer_id: 'payer-1',
    channel: 'wechat-miniprogram',
    appid: 'wx0000000000000001',
    paytype: 11,
    status: 'pending',
    amount: 100,
    items: [{ sku: 'x', name: '商品', quantity: 1, price: 100 }],
    attach: 'a',
    cloudpay_param: null,
    upstream: 'not_called',
    transaction_no: null,
    paid_at: null,
    expires_at: 2_000,
    created_at: 1_000,
    updated_at: 1_000,
    needs_review: false,
    review_reason: null,
    refunded_amount: 0,
    next_check_at: 1_500,
    check_attempts: 0,
    lease_owner: null,
    lease_until: null,
    ...overrides,
  }
}
