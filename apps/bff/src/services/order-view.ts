import type { Order, ShopperOrder, ShopperRefund } from '@quickpay/contracts'

import type { RefundRecord, ShopperOrderRecord } from '../store/records'

const iso = (epochMs: number): string => new Date(epochMs).toISOString()

// The views are built field by field rather than by spreading conditional parts: they are on the
// path of every order poll, and spreading made each view cost several times its plain build.

/** The order as anyone entitled to it sees it: no payer id, no internal flags. */
export function orderView(order: ShopperOrderRecord): Order {
  const view: Order = {
    order_no: order.order_no,
    status: order.status,
    amount: order.amount,
    items: order.items.map(({ sku, name, quantity, price }) => ({ sku, name, quantity, price })),
    channel: order.channel,
    created_at: iso(order.created_at),
    expires_at: iso(order.expires_at),
  }
  if (order.paid_at !== null) view.paid_at = iso(order.paid_at)
  if (order.transaction_no !== null) view.transaction_no = order.transaction_no
  return view
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
  order: ShopperOrderRecord,
  now: number,
  refunds?: readonly RefundRecord[],
): ShopperOrder {
  const view: ShopperOrder = Object.assign(orderView(order), {
    server_time: iso(now),
    refunded_amount: order.refunded_amount,
  })
  if (order.status === 'pending') {
    view.seconds_to_expiry = Math.max(0, Math.ceil((order.expires_at - now) / 1000))
  }
  if (refunds !== undefined) view.refunds = refunds.map(shopperRefundView)
  return view
}
