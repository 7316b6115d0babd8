import { createHash } from 'node:crypto'

/** Whose id to derive: a WeChat openid, an Alipay 2088 user id, or an Alipay open_id. */
export type PayerIdKind = 'wechat-openid' | 'alipay-user-id' | 'alipay-open-id'

/**
 * Derives a stable payer id from the app and the simulated user, so the same user always has the
 * same id per app (and different ids in different apps, as on the real platforms).
 */
export function derivePayerId(kind: PayerIdKind, appid: string, user: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${appid}\u0000${user}`).digest()
  if (kind === 'alipay-user-id') {
    const twelve = (digest.readBigUInt64BE(0) % 1_000_000_000_000n).toString().padStart(12, '0')
    return `2088${twelve}`
  }
  const text = digest.toString('base64url').replace(/[-_]/g, 'x')
  // WeChat openids are 28 characters starting with "o"; Alipay open_ids are longer, starting with "0".
  return kind === 'wechat-openid' ? `o${text.slice(0, 27)}` : `0${text.slice(0, 42)}`
}
