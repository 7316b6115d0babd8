import { describe, expect, it } from 'vitest'

import {
  LIANKE_ROUTES,
  LiankeBusinessError,
  LiankeHttpError,
  isOrderExistsError,
} from '../src/index'

function business(code: string, msg?: string) {
  return new LiankeBusinessError('refused', {
    route: LIANKE_ROUTES.jsapiPay,
    resultCode: code,
    upstreamMessage: msg,
  })
}

describe('isOrderExistsError', () => {
  it.each([
    ['ORDER_EXISTS', undefined],
    ['ORDERNO_EXIST', undefined],
    ['FAIL', '订单号重复'],
    ['FAIL', '订单已存在'],
  ])('reads %s / %s as "the order exists"', (code, msg) => {
    expect(isOrderExistsError(business(code, msg))).toBe(true)
  })

  it.each([
    ['ORDER_NOT_EXIST', undefined],
    ['FAIL', '订单不存在'],
    ['STORE_NOT_EXIST', 'store does not exist'],
    ['SYSTEM_ERROR', '系统繁忙'],
  ])('does not read %s / %s as "the order exists"', (code, msg) => {
    expect(isOrderExistsError(business(code, msg))).toBe(false)
  })

  it('is false for errors that are not business answers', () => {
    const error = new LiankeHttpError('HTTP 409 exists', {
      route: LIANKE_ROUTES.jsapiPay,
      status: 409,
    })
    expect(isOrderExistsError(error)).toBe(false)
  })
})
