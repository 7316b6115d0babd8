/** Six well-formed WeChat payment parameters, as a `cloudpay_param` carries them. */
export const WECHAT_PAY_PARAMS = {
  appId: 'wx0000000000000001',
  timeStamp: '1764100000',
  nonceStr: 'abcDEF123',
  package: 'prepay_id=wx2611200000000001',
  signType: 'MD5',
  paySign: '0123456789ABCDEF0123456789ABCDEF',
}
