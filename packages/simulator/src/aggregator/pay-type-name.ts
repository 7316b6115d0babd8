/**
 * The name an answer gives a request's `paytype`. Only `WECHATPAY_NATIVE` (10) is documented; these
 * two names are our guess, and clients read them leniently (contracts' `walletOfPayType`).
 */
export function payTypeName(paytype: 11 | 21): 'WECHATPAY_JSAPI' | 'ALIPAY_JSAPI' {
  return paytype === 11 ? 'WECHATPAY_JSAPI' : 'ALIPAY_JSAPI'
}
