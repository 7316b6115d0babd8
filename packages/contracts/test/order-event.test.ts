import { describe, expect, it } from 'vitest'

import { adminOrderDetailSchema, orderEventSchema, timelineEventSchema } from '@quickpay/contracts'

describe('the order timeline events', () => {
  it.each([
    { kind: 'created', detail: { amount: 100, lines: 1 } },
    { kind: 'transition', detail: { from: 'pending', to: 'paid', source: 'notification' } },
    {
      kind: 'transition',
      detail: { from: 'pending', to: 'closed', source: 'reconciler', reason: 'expired' },
    },
    { kind: 'query', detail: { source: 'poll', error: 'TIMEOUT', result_code: null } },
    {
      kind: 'query',
      detail: {
        source: 'reconciler',
        transaction_status: 'SUCCESSED',
        total_amount: 100,
        cash_amount: 100,
        coupon_amount: null,
        transaction_no: 'T1',
      },
    },
    { kind: 'notification', detail: { notification_id: 3, outcome: 'already_settled' } },
    { kind: 'client_claim', detail: { outcome: 'cancelled', raw: 'requestPayment:fail cancel' } },
    { kind: 'refund_failed', detail: { refund_no: 'R1', error: 'BUSINESS', result_code: 'X' } },
    {
      kind: 'upstream_rejected',
      detail: { error: 'EXISTING_ORDER_MISMATCH', amount_matches: false },
    },
  ])('accepts a $kind event', (event) => {
    expect(orderEventSchema.safeParse(event).success).toBe(true)
  })

  it.each([
    { kind: 'closed', detail: { by: 'shopper' } },
    { kind: 'transition', detail: { from: 'pending', to: 'paid', source: 'somebody' } },
    { kind: 'transition', detail: { from: 'pending', to: 'shipped', source: 'poll' } },
    { kind: 'notification', detail: { notification_id: 1, outcome: 'maybe' } },
  ])('refuses $kind with a detail outside the union', (event) => {
    expect(orderEventSchema.safeParse(event).success).toBe(false)
  })

  it('answers a timeline entry as the event with its time, inside the merchant detail', () => {
    const entry = {
      at: '2026-01-01T00:00:00.000Z',
      kind: 'alert',
      detail: { reason: 'amount mismatch' },
    }
    expect(timelineEventSchema.parse(entry)).toEqual(entry)
    expect(timelineEventSchema.safeParse({ kind: 'alert', detail: { reason: 'x' } }).success).toBe(
      false,
    )
    const detail = adminOrderDetailSchema.shape.timeline.safeParse([entry])
    expect(detail.success).toBe(true)
  })
})
