import { describe, expect, it } from 'vitest'

import {
  createJsapiPayInfoSchema,
  formatIssues,
  jsapiPayInfoSchema,
  jsapiPayInfoSchemaFor,
} from '@quickpay/contracts'

const valid = {
  store_no: 'DEMO001',
  paytype: 11,
  appid: 'wx0000000000000001',
  openid: 'oUser000000000000000000000001',
  amount: 100,
  order_no: 'Q20261125000000ABCDEFGHIJ',
}

function issuesOf(input: unknown): string {
  const result = jsapiPayInfoSchema.safeParse(input)
  if (result.success) return ''
  return formatIssues(result.error)
}

describe('JSAPIPayInfo rules of the seed', () => {
  it('accepts a minimal valid request', () => {
    expect(jsapiPayInfoSchema.parse(valid)).toMatchObject(valid)
  })

  it.each([
    [0, 'amount: must be at least 1 fen'],
    [10_000_000_000, 'amount: must be at most 9999999999 fen (10 digits)'],
    [1.5, 'amount: must be an integer number of fen'],
    ['100', 'amount: must be a number of fen'],
    [-1, 'amount: must be at least 1 fen'],
  ])('refuses amount %s naming the field and the rule', (amount, message) => {
    expect(issuesOf({ ...valid, amount })).toContain(message)
  })

  it.each([1, 9_999_999_999])('accepts amount %s', (amount) => {
    expect(jsapiPayInfoSchema.parse({ ...valid, amount }).amount).toBe(amount)
  })

  it.each([
    ['store_no', 32],
    ['order_no', 32],
    ['operator', 16],
    ['attach', 127],
  ])('accepts %s at its limit of %i characters and refuses one more', (field, limit) => {
    expect(issuesOf({ ...valid, [field]: 'x'.repeat(limit) })).toBe('')
    expect(issuesOf({ ...valid, [field]: 'x'.repeat(limit + 1) })).toMatch(
      new RegExp(`^${field}: must be \\d+-${limit} characters long`),
    )
  })

  it('counts multibyte text in characters, not bytes or UTF-16 units', () => {
    expect(issuesOf({ ...valid, attach: '汉'.repeat(127) })).toBe('')
    expect(issuesOf({ ...valid, attach: '😀'.repeat(127) })).toBe('')
    expect(issuesOf({ ...valid, attach: '汉'.repeat(128) })).toContain('attach:')
  })

  it.each(['store_no', 'appid', 'openid', 'amount', 'order_no'])('requires %s', (field) => {
    const input: Record<string, unknown> = { ...valid }
    delete input[field]
    expect(issuesOf(input)).toMatch(new RegExp(`^${field}: `))
  })

  it('refuses an empty store_no and order_no', () => {
    expect(issuesOf({ ...valid, store_no: '' })).toContain('store_no: must be 1-32')
    expect(issuesOf({ ...valid, order_no: '' })).toContain('order_no: must be 1-32')
  })

  it('accepts only 11 and 21 as paytype', () => {
    expect(issuesOf({ ...valid, paytype: 10 })).toContain(
      'paytype: must be 11 (WeChat) or 21 (Alipay)',
    )
    expect(issuesOf({ ...valid, paytype: 21, appid: '', openid: '2088000000000001' })).toBe('')
  })

  it('requires a non-empty appid for WeChat but not for Alipay', () => {
    expect(issuesOf({ ...valid, appid: '' })).toContain('appid: is required for WeChat')
  })

  it('requires the 2088 + 12-digit Alipay user id unless open_id pass-through is on', () => {
    const alipay = { ...valid, paytype: 21, openid: 'A1b2C3openid' }
    expect(issuesOf(alipay)).toContain(
      'openid: must be an Alipay user id (2088 followed by 12 digits)',
    )
    expect(issuesOf({ ...alipay, openid: '20881234567890123' })).toContain('openid:')
    expect(createJsapiPayInfoSchema({ allowAlipayOpenId: true }).safeParse(alipay).success).toBe(
      true,
    )
  })

  it('hands out each variant built once, the strict one being jsapiPayInfoSchema', () => {
    const alipay = { ...valid, paytype: 21, openid: 'A1b2C3openid' }
    const openId = jsapiPayInfoSchemaFor({ allowAlipayOpenId: true })

    expect(jsapiPayInfoSchemaFor()).toBe(jsapiPayInfoSchema)
    expect(jsapiPayInfoSchemaFor({ allowAlipayOpenId: false })).toBe(jsapiPayInfoSchema)
    expect(jsapiPayInfoSchemaFor({ allowAlipayOpenId: true })).toBe(openId)
    expect(openId.safeParse(alipay).success).toBe(true)
    expect(jsapiPayInfoSchemaFor().safeParse(alipay).success).toBe(false)
  })

  it('accepts an empty notify_url but not a non-http one', () => {
    expect(issuesOf({ ...valid, notify_url: '' })).toBe('')
    expect(issuesOf({ ...valid, notify_url: 'http://127.0.0.1:3000/notify/lianke/x' })).toBe('')
    expect(issuesOf({ ...valid, notify_url: 'ftp://x' })).toContain('notify_url:')
  })

  it('checks itemlist lines', () => {
    const itemlist = [{ item_no: 'A', item_name: '咖啡', quantity: 0, price: 100 }]
    expect(issuesOf({ ...valid, itemlist })).toContain('itemlist.0.quantity: must be at least 1')
  })
})
