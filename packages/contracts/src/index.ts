export { codePointLength, textOfLength } from './text-length'
export { MAX_AMOUNT_FEN, amountFen, fenOrZero, formatFen } from './money'
export { fieldIssues, formatIssues, type FieldIssue } from './format-issues'
export { ALIPAY_USER_ID_PATTERN, isAlipayUserId } from './alipay-user-id'
export { CHANNELS, channelSchema, payTypeOfChannel, walletOfChannel, type Channel } from './channel'
export { PAYMENT_OUTCOMES, paymentOutcomeSchema, type PaymentOutcome } from './payment-outcome'

export { PayType, payTypeNameSchema, payTypeSchema, walletOfPayType } from './aggregator/pay-type'
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
  type JsapiPayInfo,
  type JsapiPayInfoOptions,
} from './aggregator/jsapi-pay-info'
export { couponDetailInfoSchema, type CouponDetailInfo } from './aggregator/coupon-detail-info'
export { payResultInfoSchema, type PayResultInfo } from './aggregator/pay-result-info'
export { queryInfoSchema, type QueryInfo } from './aggregator/query-info'
export { refundInfoSchema, type RefundInfo } from './aggregator/refund-info'
export { refundQueryInfoSchema, type RefundQueryInfo } from './aggregator/refund-query-info'
export { refundResultInfoSchema, type RefundResultInfo } from './aggregator/refund-result-info'
export {
  CloudpayParamError,
  alipayTradeNoSchema,
  parseCloudpayParam,
  wechatPayParamsSchema,
  type CloudpayParam,
  type WechatPayParams,
} from './aggregator/cloudpay-param'

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
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  ORDER_STATUSES,
  SETTLED_STATUSES,
  createOrderRequestSchema,
  createOrderResponseSchema,
  orderLineRequestSchema,
  orderLineSchema,
  orderResponseSchema,
  orderSchema,
  orderStatusSchema,
  ordersResponseSchema,
  paymentSchema,
  type CreateOrderRequest,
  type CreateOrderResponse,
  type Order,
  type OrderResponse,
  type OrderStatus,
  type OrdersResponse,
  type Payment,
} from './bff/order'
export { paymentClaimRequestSchema, type PaymentClaimRequest } from './bff/payment-claim'
export { storeConfigSchema, type StoreConfig } from './bff/store-config'
export { sandboxPaymentRequestSchema, type SandboxPaymentRequest } from './bff/sandbox-payment'
export {
  adminOrderDetailSchema,
  adminOrderSchema,
  adminOrdersQuerySchema,
  adminOrdersResponseSchema,
  createRefundRequestSchema,
  refundSchema,
  refundStatusSchema,
  type AdminOrder,
  type AdminOrderDetail,
  type AdminOrdersQuery,
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
