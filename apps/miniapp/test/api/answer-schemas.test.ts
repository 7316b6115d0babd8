import {
  createOrderResponseSchema,
  errorEnvelopeSchema,
  orderResponseSchema,
  ordersResponseSchema,
  productsResponseSchema,
  sessionSchema,
  storeConfigSchema,
  walletPayResponseSchema,
} from '@quickpay/contracts'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'

import {
  createOrderAnswer,
  errorAnswer,
  orderAnswer,
  ordersAnswer,
  productsAnswer,
  sessionAnswer,
  storeConfigAnswer,
  walletPayAnswer,
} from '../../src/api/answer-schemas'

const order = {
  order_no: 'QP2026113000000001',
  status: 'pending',
  amount: 12_900,
  items: [{ sku: 'tea-01', name: '龙井', quantity: 2, price: 6_450 }],
  channel: 'wechat-miniprogram',
  created_at: '2026-11-30T12:00:00.000Z',
  expires_at: '2026-11-30T12:15:00.000Z',
  server_time: '2026-11-30T12:00:10.000Z',
  seconds_to_expiry: 890,
  refunded_amount: 0,
}
const { seconds_to_expiry: _left, ...settled } = order
const paidOrder = {
  ...settled,
  status: 'partially_refunded',
  paid_at: '2026-11-30T12:01:00.000Z',
  transaction_no: '4200000000000001',
  refunded_amount: 500,
  refunds: [
    {
      amount: 500,
      status: 'refunded',
      created_at: '2026-11-30T13:00:00.000Z',
      updated_at: '2026-11-30T13:00:02.000Z',
    },
    {
      amount: 300,
      status: 'failed',
      created_at: '2026-11-30T13:05:00.000Z',
      updated_at: '2026-11-30T13:05:01.000Z',
    },
  ],
}
const refundOf = paidOrder.refunds[0]

/** Each store schema beside the contracts' zod schema of the same answer, with answers both must judge alike. */
const pairs = [
  {
    name: 'config',
    store: storeConfigAnswer,
    zod: storeConfigSchema,
    valid: {
      sandbox: true,
      wechat: {
        miniprogram_appid: 'wx1',
        official_account_appid: 'wx2',
        authorize_url: 'http://x',
      },
      alipay: { appid: '2021', authorize_url: 'http://y' },
    },
    invalid: [{ sandbox: 'yes' }, { sandbox: true, wechat: {}, alipay: {} }],
  },
  {
    name: 'session',
    store: sessionAnswer,
    zod: sessionSchema,
    valid: { token: 't', expires_at: '2026-12-01T00:00:00Z', channel: 'alipay-miniprogram' },
    invalid: [
      { token: '', expires_at: 'x', channel: 'alipay-miniprogram' },
      { token: 't', expires_at: 'x', channel: 'paypal' },
    ],
  },
  {
    name: 'products',
    store: productsAnswer,
    zod: productsResponseSchema,
    valid: {
      products: [{ sku: 'a', name: 'b', description: 'c', price: 100, image_url: '/i/a.png' }],
    },
    invalid: [
      { products: [{ sku: 'a', name: 'b', description: 'c', price: 1.5, image_url: '/i' }] },
      { products: null },
    ],
  },
  {
    name: 'create order',
    store: createOrderAnswer,
    zod: createOrderResponseSchema,
    valid: { order, payment: { paytype: 21, cloudpay_param: '2026113022001400000001' } },
    invalid: [
      { order, payment: { paytype: 10, cloudpay_param: 'x' } },
      { order: { ...order, amount: '129.00' }, payment: { paytype: 11, cloudpay_param: '{}' } },
    ],
  },
  {
    name: 'order',
    store: orderAnswer,
    zod: orderResponseSchema,
    valid: { order: paidOrder },
    invalid: [
      { order: { ...order, status: 'shipped' } },
      { order: { ...order, items: {} } },
      { order: { ...order, seconds_to_expiry: -1 } },
      { order: { ...order, seconds_to_expiry: 1.5 } },
      { order: { ...order, server_time: undefined } },
      { order: { ...order, refunded_amount: undefined } },
      { order: { ...paidOrder, refunds: [{ ...refundOf, status: 'processing' }] } },
      { order: { ...paidOrder, refunds: [{ ...refundOf, amount: '5.00' }] } },
    ],
  },
  {
    name: 'orders',
    store: ordersAnswer,
    zod: ordersResponseSchema,
    valid: { orders: [paidOrder, order], next_cursor: '1764504000000.QP2026113000000001' },
    invalid: [
      { orders: [{ ...order, expires_at: undefined }] },
      {},
      { orders: [], next_cursor: 5 },
    ],
  },
  {
    name: 'wallet',
    store: walletPayAnswer,
    zod: walletPayResponseSchema,
    valid: { wallet: 'alipay', resultCode: '6001' },
    invalid: [{ wallet: 'unionpay' }, { wallet: 'wechat', err_msg: 1 }],
  },
  {
    name: 'error',
    store: errorAnswer,
    zod: errorEnvelopeSchema,
    valid: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'm',
        request_id: 'r',
        fields: [{ field: 'items', rule: 'x' }],
      },
    },
    invalid: [{ error: { code: 'lower', message: 'm', request_id: 'r' } }, { error: 'boom' }],
  },
] as const

describe('the store reads BFF answers exactly as the contracts define them', () => {
  it.each(pairs)('accepts a valid $name answer with the same result as zod', (pair) => {
    const fromStore = v.safeParse(pair.store, pair.valid)
    const fromZod = pair.zod.safeParse(pair.valid)
    expect(fromZod.success).toBe(true)
    expect(fromStore.success).toBe(true)
    expect(fromStore.output).toEqual(fromZod.data)
  })

  it.each(pairs)('refuses what zod refuses in a $name answer', (pair) => {
    for (const answer of pair.invalid) {
      expect(pair.zod.safeParse(answer).success).toBe(false)
      expect(v.safeParse(pair.store as v.GenericSchema, answer).success).toBe(false)
    }
  })

  it('drops fields it does not know, as zod does', () => {
    const answer = { order: { ...order, internal_note: 'x' } }
    const fromStore = v.safeParse(orderAnswer, answer)
    expect(fromStore.success && 'internal_note' in fromStore.output.order).toBe(false)
  })
})
