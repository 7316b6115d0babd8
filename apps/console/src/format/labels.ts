import type { Channel, OrderStatus, RefundStatusName } from './label-types'

/** Each order status in Chinese with its tag colour (antd preset colours). */
export const STATUS_LABELS: Record<OrderStatus, { text: string; color: string }> = {
  pending: { text: '待支付', color: 'gold' },
  paid: { text: '已支付', color: 'green' },
  failed: { text: '支付失败', color: 'red' },
  closed: { text: '已关闭', color: 'default' },
  partially_refunded: { text: '部分退款', color: 'cyan' },
  refunded: { text: '已退款', color: 'blue' },
}

/** Each channel in Chinese. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  'wechat-miniprogram': '微信小程序',
  'wechat-official-account': '微信公众号',
  'alipay-miniprogram': '支付宝小程序',
  'alipay-service-window': '支付宝生活号',
}

/** Each refund status in Chinese with its tag colour. */
export const REFUND_LABELS: Record<RefundStatusName, { text: string; color: string }> = {
  pending: { text: '处理中', color: 'processing' },
  refunded: { text: '已退款', color: 'success' },
  failed: { text: '失败', color: 'error' },
}

/** The review reasons the BFF writes, in Chinese (anything else is shown as written). */
export function reviewReasonText(reason: string | undefined | null): string {
  if (reason === undefined || reason === null) return '需人工核对'
  if (reason.startsWith('paid after close')) return '关闭后又收到付款，需退款核对'
  if (reason.startsWith('paid after failure')) return '失败后又收到付款，需退款核对'
  if (/mismatch/i.test(reason)) return `金额或信息不一致（${reason}）`
  if (/refund/i.test(reason)) return `退款异常（${reason}）`
  return reason
}
