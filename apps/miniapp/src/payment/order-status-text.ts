import type { OrderStatus } from '@quickpay/contracts'

/** The Chinese name of a BFF order status, for lists and details. */
export const ORDER_STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  pending: '待支付',
  paid: '支付成功',
  failed: '支付失败',
  closed: '订单已关闭',
  partially_refunded: '已部分退款',
  refunded: '已退款',
}
