import { describe, expect, it } from 'vitest'

import { normaliseOutcome } from '../../src/platform/normalise-outcome'

describe('normaliseOutcome', () => {
  it.each([
    ['requestPayment:ok', 'claimed_paid'],
    ['requestPayment:fail cancel', 'cancelled'],
    ['requestPayment:cancel', 'cancelled'],
    ['requestPayment:fail', 'failed'],
    ['requestPayment:fail (detail message)', 'failed'],
    ['requestPayment:fail system error', 'failed'],
    ['get_brand_wcpay_request:ok', 'claimed_paid'],
    ['get_brand_wcpay_request:cancel', 'cancelled'],
    ['get_brand_wcpay_request:fail', 'failed'],
    ['get_brand_wcpay_request:fail_invalid_appid', 'failed'],
    ['', 'unknown'],
    ['chooseWXPay:ok', 'unknown'],
    ['暂时不支持 API', 'unknown'],
  ] as const)('maps WeChat %j to %s', (errMsg, outcome) => {
    expect(normaliseOutcome({ wallet: 'wechat', errMsg })).toBe(outcome)
  })

  it.each([
    ['9000', 'claimed_paid'],
    ['8000', 'unknown'],
    ['4000', 'failed'],
    ['6001', 'cancelled'],
    ['6002', 'unknown'],
    ['6004', 'unknown'],
    ['99', 'cancelled'],
    ['4', 'failed'],
    ['', 'unknown'],
    ['7000', 'unknown'],
  ] as const)('maps Alipay resultCode %j to %s', (resultCode, outcome) => {
    expect(normaliseOutcome({ wallet: 'alipay', resultCode })).toBe(outcome)
  })

  it('reads a numeric Alipay resultCode like its string form', () => {
    expect(normaliseOutcome({ wallet: 'alipay', resultCode: 9000 })).toBe('claimed_paid')
    expect(normaliseOutcome({ wallet: 'alipay', resultCode: 6001 })).toBe('cancelled')
  })
})
