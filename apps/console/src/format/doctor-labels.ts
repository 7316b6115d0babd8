import type { DoctorLine } from '@quickpay/contracts'

/** The 体检 page's name for each doctor line (the BFF's ids, src/doctor/doctor-check.ts). */
export const DOCTOR_LINE_LABELS: Record<string, string> = {
  'public-url': '公网地址',
  'notify-url': '支付通知地址',
  'wechat-api': '微信接口',
  'wechat-miniprogram': '微信小程序凭据',
  'wechat-official-account': '微信公众号凭据',
  'store-build': '小程序构建的 AppID',
  'alipay-keys': '支付宝密钥',
  'alipay-gateway': '支付宝网关',
  'alipay-user-id': '支付宝用户标识',
  aggregator: '聚合支付接口',
  'aggregator-store': '门店编号',
  database: '数据库连接',
  'database-migrated': '数据库迁移',
  'database-writable': '数据库写入',
  'database-clock': '数据库时钟',
  redis: 'Redis（多实例共享限流）',
  'h5-payment-directory': 'H5 支付授权目录',
  'h5-oauth-domain': '网页授权域名',
}

/** How each verdict reads on the 体检 page: mark, words and the antd tag colour. */
export const DOCTOR_STATUS_LABELS: Record<
  DoctorLine['status'],
  { mark: string; text: string; color: string }
> = {
  ok: { mark: '✓', text: '正常', color: 'success' },
  fail: { mark: '✗', text: '需修复', color: 'error' },
  unknown: { mark: '?', text: '无法判断', color: 'warning' },
}
