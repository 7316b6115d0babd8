import { SIMULATOR_DEFAULTS } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LiankeRequestError } from '../../src/index'
import type { SimHarness } from '../helpers/simulator-harness'
import { freshOrderNo, startHarness, wechatOrder } from '../helpers/simulator-harness'

const LONG_STORE = 'S'.repeat(32)

let h: SimHarness

beforeAll(async () => {
  h = await startHarness({ storeNos: [SIMULATOR_DEFAULTS.storeNo, LONG_STORE] })
})
afterAll(async () => {
  await h.close()
})

/** Sends a request that must be refused locally and checks that the simulator saw nothing. */
async function expectRefused(
  request: Record<string, unknown>,
  field: string,
  rule: RegExp,
  storeNo?: string,
): Promise<void> {
  const before = await h.calls('QuickPay/JSAPIPay')
  const client = h.client(storeNo === undefined ? {} : { storeNo })
  const promise = client.jsapiPay(request as never)
  await expect(promise).rejects.toBeInstanceOf(LiankeRequestError)
  await expect(promise).rejects.toMatchObject({
    code: 'INVALID_REQUEST',
    attempts: 0,
    fields: expect.arrayContaining([
      { field, rule: expect.stringMatching(rule) as unknown },
    ]) as unknown,
  })
  await expect(promise).rejects.toThrow(new RegExp(`^JSAPIPay request invalid: (.*; )?${field}: `))
  expect(await h.calls('QuickPay/JSAPIPay')).toBe(before)
}

async function expectAccepted(request: Record<string, unknown>, storeNo?: string) {
  const client = h.client(storeNo === undefined ? {} : { storeNo })
  const result = await client.jsapiPay(request as never)
  expect(result.transaction_status).toBe('CREATE')
  return result
}

describe('jsapiPay amount (fen, 1 … 9 999 999 999)', () => {
  it('accepts 1 fen and 9 999 999 999 fen', async () => {
    await expectAccepted(wechatOrder(freshOrderNo(), 1))
    const big = await expectAccepted(wechatOrder(freshOrderNo(), 9_999_999_999))
    expect(big.total_amount ?? 9_999_999_999).toBe(9_999_999_999)
  })

  it('refuses 0 and 10 000 000 000 fen without calling the aggregator', async () => {
    await expectRefused(wechatOrder(freshOrderNo(), 0), 'amount', /at least 1 fen/)
    await expectRefused(wechatOrder(freshOrderNo(), 10_000_000_000), 'amount', /at most 9999999999/)
  })

  it('refuses a fraction and a numeric string', async () => {
    await expectRefused(wechatOrder(freshOrderNo(), 1.5), 'amount', /integer/)
    await expectRefused({ ...wechatOrder(freshOrderNo()), amount: '100' }, 'amount', /not a string/)
  })
})

describe('jsapiPay text lengths', () => {
  it('accepts a 32-character order_no and refuses 33', async () => {
    await expectAccepted(wechatOrder(freshOrderNo('O').padEnd(32, '0')))
    await expectRefused(wechatOrder('O'.repeat(33)), 'order_no', /1-32 characters/)
  })

  it('accepts a 32-character store_no and refuses 33', async () => {
    await expectAccepted(wechatOrder(freshOrderNo()), LONG_STORE)
    await expectRefused(wechatOrder(freshOrderNo()), 'store_no', /1-32 characters/, 'S'.repeat(33))
  })

  it('accepts a 16-character operator and refuses 17', async () => {
    await expectAccepted({ ...wechatOrder(freshOrderNo()), operator: 'P'.repeat(16) })
    await expectRefused(
      { ...wechatOrder(freshOrderNo()), operator: 'P'.repeat(17) },
      'operator',
      /1-16 characters/,
    )
  })

  it('accepts a 127-character attach and refuses 128', async () => {
    await expectAccepted({ ...wechatOrder(freshOrderNo()), attach: 'a'.repeat(127) })
    await expectRefused(
      { ...wechatOrder(freshOrderNo()), attach: 'a'.repeat(128) },
      'attach',
      /0-127 characters/,
    )
  })

  it('counts 汉字 in attach as one character each, not as bytes', async () => {
    await expectAccepted({ ...wechatOrder(freshOrderNo()), attach: '汉'.repeat(127) })
    await expectRefused(
      { ...wechatOrder(freshOrderNo()), attach: '汉'.repeat(128) },
      'attach',
      /0-127 characters/,
    )
  })
})

describe('jsapiPay required fields', () => {
  it('refuses an empty store_no coming from the client options', async () => {
    await expectRefused(wechatOrder(freshOrderNo()), 'store_no', /1-32 characters/, '')
  })

  it.each(['appid', 'openid', 'amount', 'order_no'])(
    'refuses a request without %s, naming it as required',
    async (field) => {
      const request: Record<string, unknown> = { ...wechatOrder(freshOrderNo()) }
      delete request[field]
      await expectRefused(request, field, /^is required$/)
    },
  )

  it('refuses an empty appid for WeChat', async () => {
    await expectRefused({ ...wechatOrder(freshOrderNo()), appid: '' }, 'appid', /WeChat/)
  })

  it('refuses a non-2088 Alipay openid unless allowAlipayOpenId is set', async () => {
    const request = {
      ...wechatOrder(freshOrderNo()),
      paytype: 21,
      appid: SIMULATOR_DEFAULTS.alipay.appid,
      openid: 'open-id-abc',
    }
    await expectRefused(request, 'openid', /2088/)
    const client = h.client({ allowAlipayOpenId: true })
    const before = await h.calls('QuickPay/JSAPIPay')
    // The simulator may refuse the id itself; what matters is that the SDK let it through.
    await Promise.allSettled([client.jsapiPay(request as never)])
    expect(await h.calls('QuickPay/JSAPIPay')).toBe(before + 1)
  })
})
