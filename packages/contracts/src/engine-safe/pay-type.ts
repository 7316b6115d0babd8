/** The `paytype` numbers a JSAPIPay request may send: 11 WeChat, 21 Alipay. */
export const PayType = { WECHAT: 11, ALIPAY: 21 } as const

/** A request `paytype`: 11 (WeChat) or 21 (Alipay). */
export type PayType = (typeof PayType)[keyof typeof PayType]

/** Which wallet an answer's `paytype` belongs to, read leniently: numbers, or names containing WECHAT / ALIPAY. */
export function walletOfPayType(
  paytype: string | number | null | undefined,
): 'wechat' | 'alipay' | undefined {
  if (paytype === undefined || paytype === null) return undefined
  if (typeof paytype === 'number') {
    if (paytype >= 10 && paytype < 20) return 'wechat'
    if (paytype >= 20 && paytype < 30) return 'alipay'
    return undefined
  }
  const upper = paytype.toUpperCase()
  if (/^\d+$/.test(upper)) return walletOfPayType(Number(upper))
  if (upper.includes('WECHAT') || upper.includes('WEIXIN') || upper.includes('WX')) return 'wechat'
  if (upper.includes('ALIPAY') || upper.includes('ALI')) return 'alipay'
  return undefined
}
