import { PayType } from './pay-type'

/** The four ways a shopper reaches the store. */
export const CHANNELS = [
  'wechat-miniprogram',
  'wechat-official-account',
  'alipay-miniprogram',
  'alipay-service-window',
] as const

/** A channel id. */
export type Channel = (typeof CHANNELS)[number]

/** The wallet that pays on a channel. */
export function walletOfChannel(channel: Channel): 'wechat' | 'alipay' {
  return channel.startsWith('wechat') ? 'wechat' : 'alipay'
}

/** The JSAPIPay `paytype` for a channel: 11 on WeChat, 21 on Alipay. */
export function payTypeOfChannel(channel: Channel): PayType {
  return walletOfChannel(channel) === 'wechat' ? PayType.WECHAT : PayType.ALIPAY
}
