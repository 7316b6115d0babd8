import { describe, expect, it } from 'vitest'

import {
  createRefundRequestSchema,
  formatIssues,
  paymentClaimRequestSchema,
} from '@quickpay/contracts'

describe('free text the BFF stores or sends upstream (#12: NUL, ESC and U+202E were stored)', () => {
  it.each([
    ['NUL', 'requestPayment:ok\u0000'],
    ['ESC', '\u001b[31mred'],
    ['DEL', 'a\u007f'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'refund \u202Ednufer'],
    ['a bidi isolate', 'a\u2066b'],
  ])('refuses %s in a claim and in a refund reason, naming the field', (_what, text) => {
    const claim = paymentClaimRequestSchema.safeParse({ outcome: 'unknown', raw: text })
    expect(claim.error && formatIssues(claim.error)).toContain('raw: must not contain control')
    const refund = createRefundRequestSchema.safeParse({ amount: 100, reason: text })
    expect(refund.error && formatIssues(refund.error)).toContain('reason: must not contain')
  })

  it('keeps ordinary text, Chinese and emoji, counted in characters', () => {
    expect(
      paymentClaimRequestSchema.parse({ outcome: 'failed', raw: 'requestPayment:fail 余额不足' }),
    ).toMatchObject({ raw: 'requestPayment:fail 余额不足' })
    expect(
      createRefundRequestSchema.safeParse({ amount: 100, reason: '顾客退货🙂'.repeat(16) }).success,
    ).toBe(true)
    expect(
      createRefundRequestSchema.safeParse({ amount: 100, reason: '退'.repeat(81) }).success,
    ).toBe(false)
  })
})
