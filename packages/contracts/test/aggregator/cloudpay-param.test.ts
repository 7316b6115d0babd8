import { describe, expect, it } from 'vitest'

import { CloudpayParamError, parseCloudpayParam } from '@quickpay/contracts'

import { WECHAT_PAY_PARAMS } from '../support/wechat-pay-params'

const wechat = WECHAT_PAY_PARAMS

describe('parseCloudpayParam', () => {
  it('reads the six WeChat parameters from a JSON string, by number or by name', () => {
    expect(parseCloudpayParam(11, JSON.stringify(wechat))).toEqual({
      wallet: 'wechat',
      params: wechat,
    })
    expect(parseCloudpayParam('WECHATPAY_JSAPI', JSON.stringify(wechat))).toEqual({
      wallet: 'wechat',
      params: wechat,
    })
  })

  it('reads an Alipay trade number', () => {
    expect(parseCloudpayParam(21, '2026112522001400000001')).toEqual({
      wallet: 'alipay',
      tradeNO: '2026112522001400000001',
    })
  })

  it.each([
    [11, '', 'must be a non-empty string'],
    [11, 'not json', 'must be a JSON object string'],
    [11, JSON.stringify({ ...wechat, package: 'x' }), 'package must be "prepay_id=<id>"'],
    [11, JSON.stringify({ ...wechat, paySign: '<script>alert(1)</script>' }), 'paySign'],
    [11, JSON.stringify({ ...wechat, appId: undefined }), 'appId'],
    [21, '<script>alert(1)</script>', 'Alipay trade number must be'],
    [99, '123', 'neither WeChat nor Alipay'],
  ])('refuses paytype %s with %j precisely', (paytype, value, message) => {
    expect(() => parseCloudpayParam(paytype, value)).toThrow(CloudpayParamError)
    expect(() => parseCloudpayParam(paytype, value)).toThrow(message)
  })

  it('refuses a value that is not a string', () => {
    expect(() => parseCloudpayParam(21, 42)).toThrow('must be a non-empty string')
  })
})
