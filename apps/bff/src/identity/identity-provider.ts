import type { Channel } from '@quickpay/contracts'

/** Who a login code belongs to: the payer id and the appid that issued it (sent to JSAPIPay). */
export interface Identity {
  payerId: string
  appid: string
}

/**
 * Turns a platform login code into an identity. Throws the BFF's AppError: INVALID_LOGIN_CODE,
 * SNAPSHOT_USER, ALIPAY_USER_ID_REQUIRED, LOGIN_RATE_LIMITED or LOGIN_PROVIDER_UNAVAILABLE.
 */
export interface IdentityProvider {
  resolve(channel: Channel, code: string): Promise<Identity>
}
