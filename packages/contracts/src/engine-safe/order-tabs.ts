import type { OrderStatus } from './order-statuses'

/** The tabs of the shopper's order list (全部 / 待支付 / 已支付 / 退款), as `GET /api/orders?tab=`. */
export const ORDER_TABS = ['all', 'pending', 'paid', 'refund'] as const

/** One tab of the shopper's order list. */
export type OrderTab = (typeof ORDER_TABS)[number]

/** The order states each tab shows; `all` shows every state. */
export const ORDER_TAB_STATUSES: Readonly<Record<OrderTab, readonly OrderStatus[] | undefined>> = {
  all: undefined,
  pending: ['pending'],
  paid: ['paid'],
  refund: ['partially_refunded', 'refunded'],
}

/** The largest page of the shopper's order list. */
export const MAX_ORDERS_PAGE = 50

/** The shopper's order list page size when the query names none. */
export const DEFAULT_ORDERS_PAGE = 20
