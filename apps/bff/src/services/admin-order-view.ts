import type { AdminOrder, Refund, TimelineEvent } from '@quickpay/contracts'

import type { OrderEventRecord, OrderRecord, RefundRecord } from '../store/records'
import { orderView } from './order-view'

const iso = (epochMs: number): string => new Date(epochMs).toISOString()

/** A payer id fit for the merchant's screen: enough to tell shoppers apart, not enough to reuse. */
export function maskPayerId(payerId: string): string {
  if (payerId.length <= 8) return '*'.repeat(payerId.length)
  return `${payerId.slice(0, 4)}${'*'.repeat(payerId.length - 8)}${payerId.slice(-4)}`
}

/** The merchant's view of an order: the shopper's view plus review flags, refunds and the masked payer. */
export function adminOrderView(order: OrderRecord): AdminOrder {
  return {
    ...orderView(order),
    payer: maskPayerId(order.payer_id),
    refunded_amount: order.refunded_amount,
    needs_review: order.needs_review,
    ...(order.review_reason === null ? {} : { review_reason: order.review_reason }),
  }
}

/** A refund as the merchant sees it. */
export function refundView(refund: RefundRecord): Refund {
  return {
    refund_no: refund.refund_no,
    amount: refund.amount,
    status: refund.status,
    ...(refund.reason === null ? {} : { reason: refund.reason }),
    created_at: iso(refund.created_at),
    updated_at: iso(refund.updated_at),
  }
}

/** One timeline entry as the merchant sees it. */
export function timelineView(event: OrderEventRecord): TimelineEvent {
  const { id: _id, order_no: _orderNo, at, ...rest } = event
  return { at: iso(at), ...rest }
}
