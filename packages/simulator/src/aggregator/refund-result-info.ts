import type { RefundResultInfo } from '@quickpay/contracts'

import type { SimOrder, SimRefund } from '../state/sim-order'
import { formatChinaTime } from '../time/china-time'
import { payTypeName } from './pay-type-name'

/** A refund as `RefundResultInfo`, the shape Refund and RefundQuery answer. */
export function toRefundResultInfo(order: SimOrder, refund: SimRefund): RefundResultInfo {
  const refunded = refund.status === 'REFUNDED'
  return {
    transaction_status: refund.status,
    error: refunded ? null : 'simulated refund failure',
    store_no: order.store_no,
    paytype: payTypeName(order.paytype),
    total_amount: order.amount,
    refund_amount: refund.refund_amount,
    settlement_amount: refunded ? refund.refund_amount : 0,
    cash_amount: refunded ? refund.refund_amount : 0,
    coupon_amount: 0,
    order_no: order.order_no,
    refund_order_no: refund.refund_no,
    operator: refund.operator,
    transaction_no: order.transaction_no,
    refund_transaction_no: refund.refund_transaction_no,
    refund_desc: refund.refund_desc,
    refund_transaction_time: refunded ? formatChinaTime(refund.at) : null,
    transaction_message: refunded ? '退款成功' : '退款失败',
  }
}
