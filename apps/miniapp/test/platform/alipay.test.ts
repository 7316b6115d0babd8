import { describe, expect, it } from 'vitest'

import { loginWithMy } from '../../src/platform/my-login'
import { payWithMy } from '../../src/platform/my-pay'
import { fakeMy } from '../support/fake-my'
import { alipayPayment, wechatPayment } from '../support/payments'

describe('Alipay mini-program login', () => {
  it('asks my.getAuthCode for auth_base and answers an alipay-miniprogram code', async () => {
    const { my, scopes } = fakeMy({ authCode: 'c5b1e2f0' })
    await expect(loginWithMy(my)).resolves.toEqual({
      kind: 'code',
      request: { channel: 'alipay-miniprogram', code: 'c5b1e2f0' },
    })
    expect(scopes).toEqual(['auth_base'])
  })

  it('rejects with LOGIN_FAILED when the shopper refuses', async () => {
    await expect(loginWithMy(fakeMy({ authFail: true }).my)).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
    })
  })
})

describe('Alipay mini-program payment', () => {
  it.each([
    ['9000', 'claimed_paid'],
    ['8000', 'unknown'],
    ['4000', 'failed'],
    ['6001', 'cancelled'],
    ['6002', 'unknown'],
    ['6004', 'unknown'],
    ['99', 'cancelled'],
    ['4', 'failed'],
  ] as const)('reports resultCode %s as %s', async (resultCode, outcome) => {
    const { my, trades } = fakeMy({ resultCode })
    await expect(payWithMy(my, alipayPayment)).resolves.toEqual({
      outcome,
      raw: `resultCode=${resultCode}`,
    })
    expect(trades).toEqual(['2026112522001400000001'])
  })

  it('treats a fail callback without a resultCode as unknown, never failed', async () => {
    const { my } = fakeMy({ payFail: true })
    await expect(payWithMy(my, alipayPayment)).resolves.toMatchObject({ outcome: 'unknown' })
  })

  it('refuses WeChat parameters', async () => {
    await expect(payWithMy(fakeMy({}).my, wechatPayment)).rejects.toMatchObject({
      code: 'BAD_PAYMENT_PARAMS',
    })
  })
})
