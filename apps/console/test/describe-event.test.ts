import type { OrderEvent, OrderEventKind } from '@quickpay/contracts'
import { describe, expect, it } from 'vitest'

import { describeEvent } from '../src/timeline/describe-event'

/**
 * One event of every kind. Typed as a record over `OrderEventKind`, so a kind added to the
 * contracts without an example here fails the type check, as the console's switch does.
 */
const EXAMPLES: { [Kind in OrderEventKind]: Extract<OrderEvent, { kind: Kind }> } = {
  created: { kind: 'created', detail: { amount: 26400, lines: 2 } },
  create_resumed: { kind: 'create_resumed', detail: {} },
  upstream_created: { kind: 'upstream_created', detail: {} },
  upstream_rejected: {
    kind: 'upstream_rejected',
    detail: { error: 'BUSINESS', result_code: 'STORE_INVALID', upstream_message: '门店不存在' },
  },
  upstream_unknown: { kind: 'upstream_unknown', detail: { error: 'TIMEOUT', attempts: 3 } },
  upstream_unavailable: {
    kind: 'upstream_unavailable',
    detail: { error: 'HTTP_STATUS', http_status: 502 },
  },
  payment_reissued: { kind: 'payment_reissued', detail: {} },
  transition: {
    kind: 'transition',
    detail: { from: 'pending', to: 'paid', source: 'notification' },
  },
  alert: { kind: 'alert', detail: { reason: 'paid after close: refund review' } },
  query: {
    kind: 'query',
    detail: {
      source: 'notification',
      transaction_status: 'SUCCESSED',
      total_amount: 26400,
      cash_amount: 26400,
      coupon_amount: 0,
      transaction_no: 'T1',
    },
  },
  notification: {
    kind: 'notification',
    detail: { notification_id: 7, outcome: 'already_settled' },
  },
  client_claim: { kind: 'client_claim', detail: { outcome: 'claimed_paid' } },
  refund_requested: {
    kind: 'refund_requested',
    detail: { refund_no: 'R1', amount: 1000, retry: false },
  },
  refunded: {
    kind: 'refunded',
    detail: { refund_no: 'R1', amount: 1000, transaction_status: 'SUCCESSED' },
  },
  refund_failed: {
    kind: 'refund_failed',
    detail: { refund_no: 'R1', error: 'BUSINESS', result_code: 'X' },
  },
  refund_unknown: {
    kind: 'refund_unknown',
    detail: { refund_no: 'R1', error: 'TIMEOUT', result_code: null },
  },
  reviewed: { kind: 'reviewed', detail: { reason: 'amount mismatch', note: '已核对' } },
}

describe('describing timeline events', () => {
  it('gives every kind a Chinese title and a summary, never the fallback', () => {
    for (const event of Object.values(EXAMPLES)) {
      const view = describeEvent(event)
      expect(view.title, event.kind).toMatch(/[\u4e00-\u9fff]/)
      expect(view.title, event.kind).not.toBe('未知事件')
      expect(view.summary.length, event.kind).toBeGreaterThan(0)
    }
  })

  it('names the path that confirmed a payment and the amounts in yuan', () => {
    expect(describeEvent(EXAMPLES.transition)).toMatchObject({
      title: '状态：待支付 → 已支付',
      summary: '由异步通知确认',
      color: 'green',
    })
    expect(describeEvent(EXAMPLES.query).summary).toBe('渠道答复 SUCCESSED，金额 ¥264.00')
    expect(describeEvent(EXAMPLES.notification).summary).toBe('#7：重复通知（订单已处理）')
    expect(describeEvent(EXAMPLES.refunded).summary).toContain('¥10.00')
    expect(describeEvent(EXAMPLES.reviewed).summary).toContain('备注：已核对')
  })

  it('tells a failed Query from an answered one', () => {
    const failed = describeEvent({
      kind: 'query',
      detail: { source: 'reconciler', error: 'TIMEOUT', result_code: null },
    })
    expect(failed).toMatchObject({
      title: '查单失败（对账任务）',
      summary: 'TIMEOUT',
      color: 'orange',
    })
  })
})
