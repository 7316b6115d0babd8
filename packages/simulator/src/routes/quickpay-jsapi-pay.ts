import { PayType, jsapiPayInfoSchemaFor } from '@quickpay/contracts'

import type { AggregatorHandler } from '../aggregator/aggregator-endpoint'
import { parseRequest } from '../aggregator/parse-request'
import { toPayResultInfo } from '../aggregator/pay-result-info'
import { requireStore } from '../aggregator/require-store'
import { SimulatorError } from '../errors/simulator-error'
import type { SimulatorContext } from '../simulator-context'
import { randomAlnum, randomHex } from '../state/random-text'
import type { SimOrder } from '../state/sim-order'
import { formatChinaTime } from '../time/china-time'
import { wechatPaySign } from '../wechat/pay-sign'

/**
 * `QuickPay/JSAPIPay`: validates every seed rule, refuses unknown stores and a repeated `order_no`
 * (`ORDER_EXISTS`: the vendor does not say what a repeat returns), creates the order in `CREATE`
 * and answers its `PayResultInfo` with the wallet's `cloudpay_param`.
 */
export const quickpayJsapiPay: AggregatorHandler = (sim, body) => {
  const schema = jsapiPayInfoSchemaFor({ allowAlipayOpenId: sim.config.alipayOpenIdMode })
  const info = parseRequest(schema, body)
  requireStore(sim, info.store_no)
  if (sim.state.findOrder(info.order_no, info.store_no)) {
    throw new SimulatorError(
      'ORDER_EXISTS',
      `order_no ${info.order_no} already exists for store ${info.store_no}`,
    )
  }
  const paytype = info.paytype ?? PayType.WECHAT
  const now = sim.config.clock()
  const wallet =
    paytype === PayType.WECHAT ? wechatParam(sim, info.appid, now) : alipayParam(sim, now)
  const order: SimOrder = {
    store_no: info.store_no,
    order_no: info.order_no,
    paytype,
    operator: info.operator ?? 'WEB',
    appid: info.appid,
    openid: info.openid,
    amount: info.amount,
    iteminfo: info.iteminfo ?? null,
    notify_url: info.notify_url ? info.notify_url : null,
    goods_tag: info.goods_tag ?? null,
    share_pay: info.share_pay ?? null,
    attach: info.attach ?? null,
    itemlist: info.itemlist ?? [],
    status: 'CREATE',
    created_at: now,
    cloudpay_param: wallet.cloudpay_param,
    prepay_id: wallet.prepay_id,
    trade_no: wallet.trade_no,
    transaction_no: null,
    paid_at: null,
    cash_amount: 0,
    refunds: [],
    wallet_attempts: [],
    notifications: [],
  }
  sim.state.addOrder(order)
  return toPayResultInfo(order)
}

interface WalletParam {
  cloudpay_param: string
  prepay_id: string | null
  trade_no: string | null
}

function wechatParam(sim: SimulatorContext, appId: string, now: number): WalletParam {
  const prepayId = `wx${compactTime(now)}${randomHex(9)}${sim.state.nextSequence().toString(36)}`
  const fields = {
    appId,
    timeStamp: String(Math.floor(now / 1000)),
    nonceStr: randomAlnum(32),
    package: `prepay_id=${prepayId}`,
    signType: 'MD5',
  }
  const paySign = wechatPaySign(fields, sim.config.wechatPayKey)
  return {
    cloudpay_param: JSON.stringify({ ...fields, paySign }),
    prepay_id: prepayId,
    trade_no: null,
  }
}

function alipayParam(sim: SimulatorContext, now: number): WalletParam {
  // Alipay trade numbers: the date, "2200140", then a sequence; 22 digits.
  const tradeNo = `${compactTime(now).slice(0, 8)}2200140${String(sim.state.nextSequence()).padStart(7, '0')}`
  return { cloudpay_param: tradeNo, prepay_id: null, trade_no: tradeNo }
}

function compactTime(ms: number): string {
  return formatChinaTime(ms).replace(/\D/g, '')
}
