import type { RefundStatus } from '@quickpay/contracts'

/** The Chinese name of a refund's state, as the order page shows it. */
export const REFUND_STATUS_TEXT: Readonly<Record<RefundStatus, string>> = {
  pending: '退款中',
  refunded: '已退款',
  failed: '退款失败',
}
