import { ApiError } from './api-error'

/** What the merchant reads for each error code the console can meet (the API's own text is English). */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '令牌无效或登录已过期，请重新登录',
  CSRF_REJECTED: '请求来源校验失败，请刷新页面后重试',
  VALIDATION_FAILED: '输入有误，请检查后重试',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_REFUNDABLE: '只有已支付的订单可以退款',
  REFUND_EXCEEDS_PAID: '退款金额超过可退金额',
  REFUND_REJECTED: '支付渠道拒绝了退款',
  IDEMPOTENCY_KEY_REUSED: '同一次退款的金额不能更改，请关闭对话框后重新发起',
  ORDER_NOT_FLAGGED: '该订单无需处理（可能已被标记）',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  UPSTREAM_TIMEOUT: '支付渠道暂未答复，退款处理中，稍后会自动完成',
  UPSTREAM_UNAVAILABLE: '支付渠道暂不可用，退款处理中，稍后会自动完成',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  NETWORK: '网络异常，请检查连接后重试',
}

/** The Chinese sentence to show for an error of the API (or any other thrown value). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return MESSAGES[error.code] ?? `操作失败（${error.status} ${error.code}）`
  }
  return '操作失败，请重试'
}
