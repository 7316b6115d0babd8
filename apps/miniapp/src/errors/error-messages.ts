/**
 * The Chinese message shown for each error code, BFF codes (contract.md §3) and the store's own
 * codes alike, so every failure reads the same wherever it surfaces.
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: '提交的内容有误，请返回购物车重试',
  UNAUTHENTICATED: '登录已过期，请重新进入',
  INVALID_LOGIN_CODE: '登录失败，请重试',
  SNAPSHOT_USER: '请点击“使用完整服务”后再试',
  ALIPAY_USER_ID_REQUIRED: '当前支付宝账号无法用于下单',
  LOGIN_PROVIDER_UNAVAILABLE: '登录服务暂不可用，请稍后再试',
  LOGIN_RATE_LIMITED: '登录过于频繁，请稍后再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  IDEMPOTENCY_KEY_REQUIRED: '订单提交缺少标识，请重试',
  IDEMPOTENCY_KEY_REUSED: '购物车已变化，请重新提交订单',
  IDEMPOTENCY_KEY_IN_FLIGHT: '订单正在提交，请稍候',
  TOO_MANY_OPEN_ORDERS: '未支付的订单过多，请先支付或取消',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_PAYABLE: '该订单已不能支付',
  PRODUCT_NOT_FOUND: '商品已下架，请返回购物车调整',
  UPSTREAM_REJECTED: '支付服务拒绝了该订单，请稍后重试',
  UPSTREAM_TIMEOUT: '支付服务响应超时，请重试',
  UPSTREAM_UNAVAILABLE: '支付服务暂不可用，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  NOT_FOUND: '页面不存在',
  INTERNAL_ERROR: '服务暂时出错，请稍后再试',
  NETWORK_ERROR: '网络异常，请检查网络后重试',
  BAD_RESPONSE: '服务返回了无法识别的数据，请稍后再试',
  LOGIN_FAILED: '登录失败，请重试',
  LOGIN_STATE_MISMATCH: '登录校验失败，请重新进入',
  LOGIN_REDIRECT: '正在跳转登录…',
  UNSUPPORTED_BROWSER: '请在微信或支付宝中打开',
  BRIDGE_TIMEOUT: '支付组件未就绪，请在微信或支付宝中重新打开',
  BAD_PAYMENT_PARAMS: '支付参数有误，请重新下单',
  PAYMENT_CALL_FAILED: '无法调起支付，请重试',
}

/** The message used when a code has no entry: never leaves the shopper with a blank error. */
export const FALLBACK_ERROR_MESSAGE = '服务暂时不可用，请稍后再试'
