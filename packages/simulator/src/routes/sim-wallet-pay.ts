import {
  alipayTradeNoSchema,
  walletPayRequestSchema,
  wechatPayParamsSchema,
  type WalletOutcome,
  type WalletPayResponse,
} from '@quickpay/contracts'
import type { Middleware } from 'koa'

import { SimulatorError } from '../errors/simulator-error'
import type { SimulatorContext } from '../simulator-context'
import { randomDigits } from '../state/random-text'
import type { SimOrder } from '../state/sim-order'
import { wechatPaySign } from '../wechat/pay-sign'
import { parseControlBody } from './parse-control-body'

const WECHAT_ANSWERS: Record<WalletOutcome, string> = {
  success: 'get_brand_wcpay_request:ok',
  fail: 'get_brand_wcpay_request:fail',
  cancel: 'get_brand_wcpay_request:cancel',
  // WeChat has no "unknown": the client hears "fail" although the money moved.
  unknown: 'get_brand_wcpay_request:fail',
}
const ALIPAY_ANSWERS: Record<WalletOutcome, string> = {
  success: '9000',
  fail: '4000',
  cancel: '6001',
  unknown: '6004',
}

/**
 * `POST /__sim/wallet/pay {cloudpay_param, payer, outcome}`: the shopper's wallet. It checks the
 * parameters as WeChat / Alipay would (paySign 400, unknown prepay id / trade number 404, another
 * payer 403, an order no longer payable 409), applies the outcome, and answers what the client API
 * reports. `success` and `unknown` pay the order and start its notifications.
 */
export function simWalletPay(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('__sim/wallet/pay')
    const request = parseControlBody(walletPayRequestSchema, ctx.request.body)
    const { order, wallet } = findPayableOrder(sim, request.cloudpay_param)
    if (request.payer !== order.openid) {
      throw new SimulatorError('WRONG_PAYER', 'payer is not the buyer (openid) of this order', 403)
    }
    if (order.status !== 'CREATE') {
      throw new SimulatorError('NOT_PAYABLE', `the order is ${order.status}, not payable`, 409)
    }
    order.wallet_attempts.push({
      at: new Date(sim.config.clock()).toISOString(),
      outcome: request.outcome,
    })
    if (request.outcome === 'success' || request.outcome === 'unknown') pay(sim, order)
    const answer: WalletPayResponse =
      wallet === 'wechat'
        ? { wallet, err_msg: WECHAT_ANSWERS[request.outcome] }
        : { wallet, resultCode: ALIPAY_ANSWERS[request.outcome] }
    ctx.body = answer
  }
}

function findPayableOrder(
  sim: SimulatorContext,
  cloudpayParam: string,
): { order: SimOrder; wallet: 'wechat' | 'alipay' } {
  if (cloudpayParam.trimStart().startsWith('{')) {
    let json: unknown
    try {
      json = JSON.parse(cloudpayParam)
    } catch {
      throw new SimulatorError('INVALID_REQUEST', 'cloudpay_param is not valid JSON', 400)
    }
    const parsed = wechatPayParamsSchema.safeParse(json)
    if (!parsed.success) {
      throw new SimulatorError('INVALID_REQUEST', 'cloudpay_param lacks WeChat payment fields', 400)
    }
    const params = parsed.data
    if (
      params.signType !== 'MD5' ||
      wechatPaySign(params, sim.config.wechatPayKey) !== params.paySign
    ) {
      throw new SimulatorError('INVALID_SIGNATURE', 'paySign does not match the parameters', 400)
    }
    const order = sim.state.ordersByPrepayId.get(params.package.slice('prepay_id='.length))
    if (!order) throw new SimulatorError('UNKNOWN_PREPAY_ID', 'prepay_id is not known', 404)
    if (order.appid !== params.appId) {
      throw new SimulatorError('INVALID_REQUEST', 'appId is not the appid of this order', 400)
    }
    return { order, wallet: 'wechat' }
  }
  if (!alipayTradeNoSchema.safeParse(cloudpayParam).success) {
    throw new SimulatorError('INVALID_REQUEST', 'cloudpay_param is not an Alipay trade number', 400)
  }
  const order = sim.state.ordersByTradeNo.get(cloudpayParam)
  if (!order) throw new SimulatorError('UNKNOWN_TRADE_NO', 'trade number is not known', 404)
  return { order, wallet: 'alipay' }
}

function pay(sim: SimulatorContext, order: SimOrder): void {
  order.status = 'SUCCESSED'
  order.paid_at = sim.config.clock()
  order.cash_amount = order.amount
  order.transaction_no = order.paytype === 11 ? `4200${randomDigits(24)}` : order.trade_no
  sim.notifications.start(order)
}
