export { codePointLength, textOfLength } from './text-length'
export { plainText } from './plain-text'
export {
  ALIPAY_TRADE_NO_RULE,
  CHANNELS,
  CloudpayParamError,
  DEFAULT_ORDERS_PAGE,
  MAX_AMOUNT_FEN,
  MAX_ORDERS_PAGE,
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  ORDER_STATUSES,
  ORDER_TABS,
  ORDER_TAB_STATUSES,
  PAYMENT_OUTCOMES,
  REFUND_STATUSES,
  PayType,
  SETTLED_STATUSES,
  WECHAT_PAY_PARAM_RULES,
  formatFen,
  parseCloudpayParam,
  payTypeOfChannel,
  timeStampText,
  walletOfChannel,
  walletOfPayType,
  type Channel,
  type CloudpayParam,
  type OrderStatus,
  type OrderTab,
  type PaymentOutcome,
  type RefundStatus,
  type WechatPayParams,
} from './engine-safe/index'
export { amountFen, fenOrZero } from './money'
export { fieldIssues, formatIssues, type FieldIssue } from './format-issues'
export { ALIPAY_USER_ID_PATTERN, isAlipayUserId } from './alipay-user-id'
export { channelSchema } from './channel'
export { paymentOutcomeSchema } from './payment-outcome'

export { payTypeNameSchema, payTypeSchema } from './aggregator/pay-type'
export {
  KNOWN_TRANSACTION_STATUSES,
  isFinalPaymentStatus,
  isFinalRefundStatus,
  transactionStatusSchema,
  type KnownTransactionStatus,
  type TransactionStatus,
} from './aggregator/transaction-status'
export { RESULT_SUCCESS, resultCodeSchema, type ResultCode } from './aggregator/result-code'
export { envelopeSchema, type Envelope } from './aggregator/envelope'
export { itemInfoSchema, type ItemInfo } from './aggregator/item-info'
export {
  createJsapiPayInfoSchema,
  jsapiPayInfoSchema,
  jsapiPayInfoSchemaFor,
  type JsapiPayInfo,
  type JsapiPayInfoOptions,
} from './aggregator/jsapi-pay-info'
export { couponDetailInfoSchema, type CouponDetailInfo } from './aggregator/coupon-detail-info'
export { payResultInfoSchema, type PayResultInfo } from './aggregator/pay-result-info'
export { queryInfoSchema, type QueryInfo } from './aggregator/query-info'
export { refundInfoSchema, type RefundInfo } from './aggregator/refund-info'
export { refundQueryInfoSchema, type RefundQueryInfo } from './aggregator/refund-query-info'
export { refundResultInfoSchema, type RefundResultInfo } from './aggregator/refund-result-info'
export { alipayTradeNoSchema, wechatPayParamsSchema } from './aggregator/cloudpay-param'

export { errorEnvelopeSchema, type ErrorEnvelope } from './bff/error-envelope'
export {
  createSessionRequestSchema,
  sessionSchema,
  type CreateSessionRequest,
  type Session,
} from './bff/session'
export {
  productSchema,
  productsResponseSchema,
  type Product,
  type ProductsResponse,
} from './bff/product'
export {
  createOrderRequestSchema,
  createOrderResponseSchema,
  orderLineRequestSchema,
  orderLineSchema,
  orderResponseSchema,
  orderSchema,
  orderStatusSchema,
  ordersResponseSchema,
  paymentSchema,
  shopperOrderSchema,
  shopperRefundSchema,
  type CreateOrderRequest,
  type CreateOrderResponse,
  type Order,
  type OrderResponse,
  type OrdersResponse,
  type Payment,
  type ShopperOrder,
  type ShopperRefund,
} from './bff/order'
export { ORDERS_CURSOR, ownOrdersQuerySchema, type OwnOrdersQuery } from './bff/own-orders-query'
export { paymentClaimRequestSchema, type PaymentClaimRequest } from './bff/payment-claim'
export { storeConfigSchema, type StoreConfig } from './bff/store-config'
export { sandboxPaymentRequestSchema, type SandboxPaymentRequest } from './bff/sandbox-payment'
export { sandboxSessionRequestSchema, type SandboxSessionRequest } from './bff/sandbox-session'
export {
  adminOrderDetailSchema,
  ADMIN_ORDERS_TOTAL_CAP,
  adminOrderSchema,
  adminOrdersQuerySchema,
  adminOrdersResponseSchema,
  createRefundRequestSchema,
  refundSchema,
  refundStatusSchema,
  type AdminOrder,
  type AdminOrderDetail,
  type AdminOrdersQuery,
  type AdminOrdersResponse,
  type CreateRefundRequest,
  type Refund,
} from './bff/admin'
export {
  CHECK_SOURCES,
  NOTIFICATION_OUTCOMES,
  TRANSITION_SOURCES,
  orderEventSchema,
  timelineEventSchema,
  type CheckSource,
  type NotificationOutcome,
  type OrderEvent,
  type OrderEventKind,
  type TimelineEvent,
  type TransitionSource,
} from './bff/order-event'
export {
  adminStatsSchema,
  consoleLoginRequestSchema,
  consoleSessionSchema,
  markReviewedRequestSchema,
  periodTotalsSchema,
  timelineEntrySchema,
  timelinePageSchema,
  type AdminStats,
  type ConsoleLoginRequest,
  type ConsoleSession,
  type MarkReviewedRequest,
  type PeriodTotals,
  type TimelineEntry,
  type TimelinePage,
} from './bff/console'
export {
  DOCTOR_STATUSES,
  doctorLineSchema,
  doctorReportSchema,
  type DoctorLine,
  type DoctorReportBody,
} from './bff/doctor-report'

export {
  loginCodeRequestSchema,
  loginCodeResponseSchema,
  walletOutcomeSchema,
  walletPayRequestSchema,
  walletPayResponseSchema,
  type LoginCodeRequest,
  type LoginCodeResponse,
  type WalletOutcome,
  type WalletPayRequest,
  type WalletPayResponse,
} from './simulator/wallet'
