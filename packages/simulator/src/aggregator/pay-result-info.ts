import type { PayResultInfo } from '@quickpay/contracts'

import type { SimOrder } from '../state/sim-order'
import { formatChinaTime } from '../time/china-time'
import { payTypeName } from './pay-type-name'

/**
 * An order as `PayResultInfo`, the shape JSAPIPay and Query answer and notifications carry. Absent
 * values are `null`, as ASP.NET sends them; `cloudpay_param` stays present while the order exists so
 * a client that lost the JSAPIPay answer can recover it through Query.
 */
export function toPayResultInfo(order: SimOrder): PayResultInfo {
  const paid = order.status === 'SUCCESSED'
  return {
    transaction_status: order.status,
    error: null,
    store_no: order.store_no,
    paytype: payTypeName(order.paytype),
    operator: order.operator,
    bank_type: paid ? (order.paytype === 11 ? 'OTHERS' : 'ALIPAYACCOUNT') : null,
    total_amount: order.amount,
    cash_amount: paid ? order.cash_amount : 0,
    settlement_amount: paid ? order.cash_amount : 0,
    coupon_amount: 0,
    order_no: order.order_no,
    transaction_no: order.transaction_no,
    cloudpay_param: order.cloudpay_param,
    transaction_time: order.paid_at === null ? null : formatChinaTime(order.paid_at),
    message: paid ? '支付成功' : order.status === 'FAILED' ? '支付失败' : '等待支付',
    buyer: order.openid,
    attach: order.attach,
    iteminfo: order.iteminfo,
    coupon_detail_list: [],
  }
}
