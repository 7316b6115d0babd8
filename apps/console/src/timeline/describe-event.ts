import type {
  CheckSource,
  NotificationOutcome,
  OrderEvent,
  PaymentOutcome,
  TransitionSource,
} from '@quickpay/contracts'

import { yuan } from '../format/money'
import { STATUS_LABELS, reviewReasonText } from '../format/labels'

/** How one timeline entry is drawn: its dot colour, a title and a one-line summary. */
export interface EventView {
  color: 'green' | 'red' | 'blue' | 'gray' | 'orange'
  title: string
  summary: string
}

/** Who asked or what moved the order, in Chinese. */
export const SOURCE_LABELS: Record<TransitionSource, string> = {
  notification: '异步通知',
  poll: '前端轮询查单',
  reconciler: '对账任务',
  admin: '商户后台',
  refund: '退款',
  shopper: '顾客',
  payment_request: '下单请求',
}

const NOTIFICATION_LABELS: Record<NotificationOutcome, string> = {
  paid: '查单确认已支付',
  failed: '查单确认支付失败',
  already_settled: '重复通知（订单已处理）',
  mismatch: '查单结果与订单不符',
  unknown_order: '未知订单',
  not_confirmed: '查单未确认支付',
  query_failed: '查单失败，稍后重试',
  unreadable: '通知无法解析',
  not_durable: '未能保存，未应答',
}

const CLAIM_LABELS: Record<PaymentOutcome, string> = {
  claimed_paid: '顾客端称已支付',
  cancelled: '顾客取消支付',
  failed: '顾客端称支付失败',
  unknown: '顾客端结果未知',
}

const checkSource = (source: CheckSource): string => SOURCE_LABELS[source]

/** Reports a kind the switch below forgot: a compile error first, this only if types were bypassed. */
function unknownKind(event: never): EventView {
  return { color: 'gray', title: '未知事件', summary: JSON.stringify(event) }
}

/**
 * The view of every kind of timeline event. The switch is exhaustive over `OrderEvent['kind']`:
 * a kind added to the contracts without a case here fails the type check (the `never` call).
 */
export function describeEvent(event: OrderEvent): EventView {
  switch (event.kind) {
    case 'created':
      return {
        color: 'blue',
        title: '订单创建',
        summary: `${yuan(event.detail.amount)}，${event.detail.lines} 种商品`,
      }
    case 'create_resumed':
      return { color: 'blue', title: '恢复未完成的下单', summary: '同一幂等键重试，沿用原订单号' }
    case 'upstream_created':
      return { color: 'blue', title: '聚合支付已下单', summary: 'JSAPIPay 成功，已获得支付参数' }
    case 'upstream_rejected':
      return { color: 'red', title: '聚合支付拒绝下单', summary: upstreamText(event.detail) }
    case 'upstream_unknown':
      return { color: 'orange', title: '下单结果未知', summary: upstreamText(event.detail) }
    case 'upstream_unavailable':
      return { color: 'orange', title: '聚合支付不可用', summary: upstreamText(event.detail) }
    case 'payment_reissued':
      return { color: 'gray', title: '重新获取支付参数', summary: '顾客再次发起支付' }
    case 'transition': {
      const { from, to, source, reason } = event.detail
      return {
        color: to === 'failed' || to === 'closed' ? 'gray' : 'green',
        title: `状态：${STATUS_LABELS[from].text} → ${STATUS_LABELS[to].text}`,
        summary: `由${SOURCE_LABELS[source]}确认${reason === undefined ? '' : `（${reason}）`}`,
      }
    }
    case 'alert':
      return { color: 'red', title: '需人工处理', summary: reviewReasonText(event.detail.reason) }
    case 'query': {
      const detail = event.detail
      if ('error' in detail) {
        return {
          color: 'orange',
          title: `查单失败（${checkSource(detail.source)}）`,
          summary: `${detail.error}${detail.result_code === null ? '' : ` / ${detail.result_code}`}`,
        }
      }
      return {
        color: detail.transaction_status === 'SUCCESSED' ? 'green' : 'blue',
        title: `查单 Query（${checkSource(detail.source)}）`,
        summary: `渠道答复 ${detail.transaction_status}${
          detail.total_amount === null ? '' : `，金额 ${yuan(detail.total_amount)}`
        }`,
      }
    }
    case 'notification':
      return {
        color: event.detail.outcome === 'paid' ? 'green' : 'blue',
        title: '收到异步通知',
        summary: `#${event.detail.notification_id}：${NOTIFICATION_LABELS[event.detail.outcome]}`,
      }
    case 'client_claim':
      return {
        color: 'gray',
        title: '顾客端回报',
        summary: `${CLAIM_LABELS[event.detail.outcome]}（仅供参考，不改变状态）`,
      }
    case 'refund_requested':
      return {
        color: 'blue',
        title: event.detail.retry ? '重新发起退款' : '发起退款',
        summary: `${yuan(event.detail.amount)}，退款单 ${event.detail.refund_no}`,
      }
    case 'refunded':
      return {
        color: 'green',
        title: '退款成功',
        summary: `${yuan(event.detail.amount)}，退款单 ${event.detail.refund_no}`,
      }
    case 'refund_failed': {
      const detail = event.detail
      return {
        color: 'red',
        title: '退款失败',
        summary:
          'error' in detail
            ? `${detail.error}，退款单 ${detail.refund_no}`
            : `${yuan(detail.amount)}，渠道答复 ${detail.transaction_status}`,
      }
    }
    case 'refund_unknown':
      return {
        color: 'orange',
        title: '退款结果未知',
        summary: `${event.detail.error}，稍后自动重查（退款单 ${event.detail.refund_no}）`,
      }
    case 'reviewed':
      return {
        color: 'green',
        title: '已标记处理',
        summary: `${reviewReasonText(event.detail.reason)}${
          event.detail.note === undefined ? '' : `；备注：${event.detail.note}`
        }`,
      }
    default:
      return unknownKind(event)
  }
}

function upstreamText(detail: {
  error: string
  result_code?: string | null | undefined
  upstream_message?: string | null | undefined
}): string {
  return [detail.error, detail.result_code, detail.upstream_message]
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join(' / ')
}
