/** Which endpoint may redeem a login code: codes are not interchangeable between them. */
export type LoginCodeKind = 'wechat-jscode2session' | 'wechat-oauth2' | 'alipay-oauth-token'

/** A minted, single-use login code. */
export interface LoginCode {
  code: string
  kind: LoginCodeKind
  appid: string
  user: string
  openid: string
  snapshot: boolean
  expires_at: number
  used: boolean
}
