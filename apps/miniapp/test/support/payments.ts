import type { Payment, StoreConfig } from '@quickpay/contracts'

/** The six WeChat parameters as the aggregator's cloudpay_param carries them. */
export const WECHAT_PARAMS = {
  appId: 'wx0000000000000002',
  timeStamp: '1764086400',
  nonceStr: 'n0nce5tr',
  package: 'prepay_id=wx25201234567890',
  signType: 'MD5',
  paySign: '0123456789ABCDEF0123456789ABCDEF',
}

/** A WeChat payment (paytype 11). */
export const wechatPayment: Payment = { paytype: 11, cloudpay_param: JSON.stringify(WECHAT_PARAMS) }

/** An Alipay payment (paytype 21): the trade number. */
export const alipayPayment: Payment = { paytype: 21, cloudpay_param: '2026112522001400000001' }

/** A store configuration pointing at a simulator. */
export function storeConfig(sandbox: boolean): StoreConfig {
  return {
    sandbox,
    wechat: {
      miniprogram_appid: 'wx0000000000000001',
      official_account_appid: 'wx0000000000000002',
      authorize_url: 'http://127.0.0.1:4010/connect/oauth2/authorize',
    },
    alipay: {
      appid: '2021000000000001',
      authorize_url: 'http://127.0.0.1:4010/oauth2/publicAppAuthorize.htm',
    },
  }
}
