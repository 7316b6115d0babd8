import { describe, expect, it } from 'vitest'

import { LIANKE_ROUTES, LiankeBusinessError, classifyRefusal } from '../../src/index'

describe('classifyRefusal', () => {
  it.each([
    [LIANKE_ROUTES.query, 'ORDER_NOT_EXIST', undefined, 'ORDER_NOT_FOUND'],
    [LIANKE_ROUTES.query, 'FAIL', '订单不存在', 'ORDER_NOT_FOUND'],
    [LIANKE_ROUTES.refund, 'ORDER_NOT_EXIST', 'order_no X does not exist', 'ORDER_NOT_FOUND'],
    [LIANKE_ROUTES.refundQuery, 'REFUND_NOT_EXIST', undefined, 'REFUND_NOT_FOUND'],
    [LIANKE_ROUTES.refundQuery, 'ORDER_NOT_EXIST', undefined, 'REFUND_NOT_FOUND'],
    [LIANKE_ROUTES.refund, 'FAIL', '退款单不存在', 'REFUND_NOT_FOUND'],
    [LIANKE_ROUTES.jsapiPay, 'ORDER_EXISTS', undefined, 'ORDER_EXISTS'],
    [LIANKE_ROUTES.jsapiPay, 'FAIL', '订单号重复', 'ORDER_EXISTS'],
    [LIANKE_ROUTES.jsapiPay, 'ORDER_NOT_EXIST', undefined, 'ORDER_NOT_FOUND'],
    [LIANKE_ROUTES.query, 'STORE_NOT_EXIST', 'store does not exist', 'BUSINESS'],
    [LIANKE_ROUTES.refund, 'REFUND_AMOUNT_EXCEEDED', undefined, 'BUSINESS'],
    [LIANKE_ROUTES.query, 'SYSTEM_ERROR', '系统繁忙', 'BUSINESS'],
  ] as const)('reads %s %s / %s as %s', (route, code, message, expected) => {
    expect(classifyRefusal(route, code, message)).toBe(expected)
  })

  it('gives every business error its classified code', () => {
    const error = new LiankeBusinessError('refused', {
      route: LIANKE_ROUTES.refundQuery,
      resultCode: 'REFUND_NOT_EXIST',
    })
    expect(error.code).toBe('REFUND_NOT_FOUND')
  })
})
