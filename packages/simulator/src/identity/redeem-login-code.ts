import type { SimulatorContext } from '../simulator-context'
import type { LoginCode, LoginCodeKind } from '../state/login-code'

/**
 * Redeems a code once: it must exist, be of this endpoint's kind, be minted for `appid`, be unused
 * and unexpired. Returns undefined otherwise (every provider answers all of these the same way).
 */
export function redeemLoginCode(
  sim: SimulatorContext,
  kind: LoginCodeKind,
  appid: string,
  code: string | undefined,
): LoginCode | undefined {
  if (!code) return undefined
  const found = sim.state.loginCodes.get(code)
  if (!found || found.kind !== kind || found.appid !== appid || found.used) return undefined
  if (sim.config.clock() >= found.expires_at) return undefined
  found.used = true
  return found
}
