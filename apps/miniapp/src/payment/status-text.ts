import type { PayState } from './pay-state'

/** The Chinese status line for a pay-page state (`#order-status`). */
export function statusText(state: PayState): string {
  switch (state.phase) {
    case 'loading':
      return '加载中…'
    case 'ready':
      return '待支付'
    case 'paying':
      return '正在调起支付…'
    case 'confirming':
      return '确认中…'
    case 'still_confirming':
      return '仍在确认中，请稍后在“我的订单”查看'
    case 'paid':
      return '支付成功'
    case 'refunded':
      return state.order?.status === 'partially_refunded' ? '已部分退款' : '已退款'
    case 'failed':
      return '支付失败'
    case 'cancelled':
      return '支付已取消'
    case 'closed':
      return '订单已关闭'
    case 'not_found':
      return '订单不存在'
    case 'error':
      return state.message ?? '出错了'
  }
}
