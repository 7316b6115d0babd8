import type { Order } from '@quickpay/contracts'

import type { OrderRecord } from '../store/records'

const iso = (epochMs: number): string => new Date(epochMs).toISOString()

/** The shopper's view of an order : no payer id, no internal flags. */
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
