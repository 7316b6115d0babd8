import { describe, expect, it } from 'vitest'

import {
  channelSchema,
  createOrderRequestSchema,
  formatIssues,
  payTypeOfChannel,
  walletOfPayType,
} from '@quickpay/contracts'

function issuesOf(input: unknown): string {
  const result = createOrderRequestSchema.safeParse(input)
  return result.success ? '' : formatIssues(result.error)
}

describe('the BFF order request', () => {
  it('accepts only sku and quantity', () => {
    expect(issuesOf({ items: [{ sku: 'COFFEE-500', quantity: 2 }] })).toBe('')
  })

  it.each(['amount', 'price', 'openid', 'notify_url', 'status', 'store_no'])(
    'refuses a body that sets %s',
    (field) => {
      expect(issuesOf({ items: [{ sku: 'A', quantity: 1 }], [field]: 1 })).toContain(
        `unknown field(s): ${field}`,
      )
      expect(issuesOf({ items: [{ sku: 'A', quantity: 1, [field]: 1 }] })).toContain(
        `items.0: unknown field(s): ${field}`,
      )
    },
  )

  it('refuses empty carts, bad quantities and repeated skus', () => {
    expect(issuesOf({ items: [] })).toContain('items: must hold at least one item')
    expect(issuesOf({ items: [{ sku: 'A', quantity: 0 }] })).toContain(
      'items.0.quantity: must be at least 1',
    )
    expect(issuesOf({ items: [{ sku: 'A', quantity: 1.5 }] })).toContain('must be an integer')
    expect(issuesOf({ items: [{ sku: 'A', quantity: '1' }] })).toContain('must be a number')
    expect(
      issuesOf({
        items: [
          { sku: 'A', quantity: 1 },
          { sku: 'A', quantity: 2 },
        ],
      }),
    ).toContain('must list each sku once')
  })
})

describe('channels and pay types', () => {
  it('maps each channel to its paytype', () => {
    expect(payTypeOfChannel('wechat-miniprogram')).toBe(11)
    expect(payTypeOfChannel('wechat-official-account')).toBe(11)
    expect(payTypeOfChannel('alipay-miniprogram')).toBe(21)
    expect(payTypeOfChannel('alipay-service-window')).toBe(21)
    expect(channelSchema.safeParse('unionpay').success).toBe(false)
  })

  it('reads answer pay type names leniently and keeps unknown ones unknown', () => {
    expect(walletOfPayType('WECHATPAY_NATIVE')).toBe('wechat')
    expect(walletOfPayType('ALIPAY_JSAPI')).toBe('alipay')
    expect(walletOfPayType('21')).toBe('alipay')
    expect(walletOfPayType('UNIONPAY')).toBeUndefined()
  })
})
