import { createHash } from 'node:crypto'

/** The five signed fields of a WeChat JSAPI payment (everything but `paySign`). */
export interface WechatPaySignFields {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
}

/**
 * WeChat Pay v2 `paySign` (MD5): the fields sorted by name in ASCII order, joined as `k=v` with `&`,
 * then `&key=<API key>` appended; the uppercase hex MD5 of that string.
 */
export function wechatPaySign(fields: WechatPaySignFields, key: string): string {
  const entries: [string, string][] = [
    ['appId', fields.appId],
    ['nonceStr', fields.nonceStr],
    ['package', fields.package],
    ['signType', fields.signType],
    ['timeStamp', fields.timeStamp],
  ]
  const text = entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  return createHash('md5').update(`${text}&key=${key}`, 'utf8').digest('hex').toUpperCase()
}
