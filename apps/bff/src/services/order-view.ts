import type { Order, ShopperOrder, ShopperRefund } from '@quickpay/contracts'

import type { OrderRecord, RefundRecord } from '../store/records'

const iso = (epochMs: number): string => new Date(epochMs).toISOString()

/** The order as anyone entitled to it sees it: no payer id, no internal flags. */
export function orderView(order: OrderRecord): Order {
  return {
    order_no: order.order_no,
    status: order.status,
    amount: order.amount,
    items: order.items.map(({ sku, name, quantity, price }) => ({ sku, name, quantity, price })),
    channel: order.channel,
    created_at: iso(order.created_at),
    expires_at: iso(order.expires_at),
    ...(order.paid_at === null ? {} : { paid_at: iso(order.paid_at) }),
    ...(order.transaction_no === null ? {} : { transaction_no: order.transaction_no }),
  }
}

/** A refund as the shopper sees it: amount, state and times (no reason, number or operator). */
export function shopperRefundView(refund: RefundRecord): ShopperRefund {
  return {
    amount: refund.amount,
    status: refund.status,
    created_at: iso(refund.created_at),
    updated_at: iso(refund.updated_at),
  }
}

/**
 * The shopper's view of an order at `now` (the server's clock): the order, `server_time`, the
 * whole seconds a pending order has left to be paid (rounded up, never below 0; absent once it is
 * not pending), the refunded total, and the refunds when the caller loaded them.
 */
export function shopperOrderView(
  order: OrderRecord,
  now: number,
  refunds?: readonly RefundRecord[],
): ShopperOrder {
  return {
    ...orderView(order),
    server_time: iso(now),
    ...(order.status === 'pending'
      ? { seconds_to_expiry: Math.max(0, Math.ceil((order.expires_at - now) / 1000)) }
      : {}),
    refunded_amount: order.refunded_amount,
    ...(refunds === undefined ? {} : { refunds: refunds.map(shopperRefundView) }),
  }
}
