import type { Payment } from '@quickpay/contracts'
import { CloudpayParamError, parseCloudpayParam } from '@quickpay/contracts/engine-safe'

import { StoreError } from '../errors/store-error'

/** The WeChat parameters of a payment; StoreError BAD_PAYMENT_PARAMS for anything else. */
export function wechatParamsOf(payment: Payment) {
  const parsed = readCloudpayParam(payment)
  if (parsed.wallet !== 'wechat')
    throw new StoreError('BAD_PAYMENT_PARAMS', { cause: 'not a WeChat payment' })
  return parsed.params
}

/** The Alipay trade number of a payment; StoreError BAD_PAYMENT_PARAMS for anything else. */
export function alipayTradeNoOf(payment: Payment): string {
  const parsed = readCloudpayParam(payment)
  if (parsed.wallet !== 'alipay')
    throw new StoreError('BAD_PAYMENT_PARAMS', { cause: 'not an Alipay payment' })
  return parsed.tradeNO
}

function readCloudpayParam(payment: Payment) {
  try {
    return parseCloudpayParam(payment.paytype, payment.cloudpay_param)
  } catch (error) {
    if (error instanceof CloudpayParamError)
      throw new StoreError('BAD_PAYMENT_PARAMS', { cause: error })
    throw error
  }
}
