import type { SimulatorContext } from '../simulator-context'
import type { LoginCode, LoginCodeKind } from '../state/login-code'
import { randomAlnum, randomHex } from '../state/random-text'
import { derivePayerId } from './derive-payer-id'

/** The user a login code stands for when the caller names none. */
export const DEFAULT_SIM_USER = 'shopper'

// WeChat codes live 5 minutes; Alipay auth codes 3 minutes.
const LIFETIME_MS: Record<LoginCodeKind, number> = {
  'wechat-jscode2session': 5 * 60_000,
  'wechat-oauth2': 5 * 60_000,
  'alipay-oauth-token': 3 * 60_000,
}

/** Mints a single-use login code for `user` of app `appid`; the payer id is fixed at minting. */
export function mintLoginCode(
  sim: SimulatorContext,
  input: { kind: LoginCodeKind; appid: string; user?: string | undefined; snapshot?: boolean },
): LoginCode {
  const user = input.user ?? DEFAULT_SIM_USER
  const openid =
    input.kind === 'alipay-oauth-token'
      ? derivePayerId(
          sim.config.alipayOpenIdMode ? 'alipay-open-id' : 'alipay-user-id',
          input.appid,
          user,
        )
      : derivePayerId('wechat-openid', input.appid, user)
  const code = input.kind === 'alipay-oauth-token' ? `sim${randomHex(16)}` : `0${randomAlnum(31)}`
  const minted: LoginCode = {
    code,
    kind: input.kind,
    appid: input.appid,
    user,
    openid,
    snapshot: input.snapshot ?? false,
    expires_at: sim.config.clock() + LIFETIME_MS[input.kind],
    used: false,
  }
  sim.state.loginCodes.set(code, minted)
  return minted
}
