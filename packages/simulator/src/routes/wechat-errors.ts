import { randomHex } from '../state/random-text'

/** A WeChat API error answer `{ errcode, errmsg }`, with the `rid` WeChat appends. */
export function wechatError(errcode: number, reason: string): { errcode: number; errmsg: string } {
  return { errcode, errmsg: `${reason}, rid: ${randomHex(4)}-${randomHex(4)}-${randomHex(4)}` }
}
