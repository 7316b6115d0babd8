import { describe, expect, it } from 'vitest'

import { StoreError } from '../../src/errors/store-error'
import { loginWithWx } from '../../src/platform/wx-login'
import { payWithWx } from '../../src/platform/wx-pay'
import { fakeWx } from '../support/fake-wx'
import { alipayPayment, wechatPayment, WECHAT_PARAMS } from '../support/payments'

describe('WeChat mini-program login', () => {
  it('exchanges wx.login for a wechat-miniprogram code', async () => {
    const { wx } = fakeWx({ loginCode: '081abcDEF' })
    await expect(loginWithWx(wx)).resolves.toEqual({
      kind: 'code',
      request: { channel: 'wechat-miniprogram', code: '081abcDEF' },
    })
  })

  it('rejects with LOGIN_FAILED when wx.login fails or returns no code', async () => {
    await expect(loginWithWx(fakeWx({ loginFail: 'login:fail timeout' }).wx)).rejects.toMatchObject(
      {
        code: 'LOGIN_FAILED',
      },
    )
    await expect(loginWithWx(fakeWx({ loginCode: '' }).wx)).rejects.toBeInstanceOf(StoreError)
  })
})

describe('WeChat mini-program payment', () => {
  it('passes the five parameters and never appId', async () => {
    const { wx, payments } = fakeWx({ payErrMsg: 'requestPayment:ok' })
    await payWithWx(wx, wechatPayment)
    const { appId: _appId, ...withoutAppId } = WECHAT_PARAMS
    expect(payments).toEqual([withoutAppId])
    expect(payments[0]).not.toHaveProperty('appId')
  })

  it.each([
    ['requestPayment:ok', 'claimed_paid'],
    ['requestPayment:fail cancel', 'cancelled'],
    ['requestPayment:fail (detail message)', 'failed'],
  ] as const)('reports %j as %s with the raw errMsg', async (errMsg, outcome) => {
    const { wx } = fakeWx({ payErrMsg: errMsg })
    await expect(payWithWx(wx, wechatPayment)).resolves.toEqual({ outcome, raw: errMsg })
  })

  it('reads a legacy cancel that arrives only through complete', async () => {
    const { wx } = fakeWx({ legacyCancel: true })
    await expect(payWithWx(wx, wechatPayment)).resolves.toEqual({
      outcome: 'cancelled',
      raw: 'requestPayment:cancel',
    })
  })

  it('refuses an Alipay payment or malformed parameters without calling wx', async () => {
    const { wx, payments } = fakeWx({})
    await expect(payWithWx(wx, alipayPayment)).rejects.toBeInstanceOf(StoreError)
    await expect(
      payWithWx(wx, { paytype: 11, cloudpay_param: '{"appId":"x"}' }),
    ).rejects.toMatchObject({
      code: 'BAD_PAYMENT_PARAMS',
    })
    expect(payments).toEqual([])
  })
})
