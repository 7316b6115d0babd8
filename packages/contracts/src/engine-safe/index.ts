// The contracts' engine-safe door: what code running inside a mini-program may import as values.
// Nothing here imports zod or any other library, touches `globalThis`/`global` or generates code
// (`eval`, `new Function`): Alipay's engine forbids the first two and both platforms forbid code
// generation. zod 4 writes `globalThis.__zod_globalConfig` when it loads, so the store takes only
// types from the main entry. test/engine-safe.test.ts keeps this folder free of imports from outside.
export { MAX_AMOUNT_FEN, formatFen } from './format-fen'
export { PayType, walletOfPayType } from './pay-type'
export { CHANNELS, payTypeOfChannel, walletOfChannel, type Channel } from './channels'
export { PAYMENT_OUTCOMES, type PaymentOutcome } from './payment-outcomes'
export {
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  ORDER_STATUSES,
  SETTLED_STATUSES,
  type OrderStatus,
} from './order-statuses'
export {
  DEFAULT_ORDERS_PAGE,
  MAX_ORDERS_PAGE,
  ORDER_TABS,
  ORDER_TAB_STATUSES,
  type OrderTab,
} from './order-tabs'
export { REFUND_STATUSES, type RefundStatus } from './refund-statuses'
export {
  ALIPAY_TRADE_NO_RULE,
  CloudpayParamError,
  WECHAT_PAY_PARAM_RULES,
  parseCloudpayParam,
  timeStampText,
  type CloudpayParam,
  type WechatPayParams,
} from './cloudpay-param'
