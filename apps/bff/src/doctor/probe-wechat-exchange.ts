import type { ResolvedDoctorDeps } from './doctor-deps'
import { describeFetchError } from './describe-fetch-error'

/** What WeChat said to a code exchange with a made-up code: its errcode, or why nothing usable came back. */
export type WechatProbe =
  { kind: 'answered'; errcode: number } | { kind: 'unreachable'; reason: string }

/** A code WeChat never issued; a real code is 32 characters of another alphabet. */
export const DOCTOR_INVALID_CODE = 'doctor-probe-invalid-code'

/**
 * Exchanges a made-up code at `path` (`sns/jscode2session` or `sns/oauth2/access_token`) as the
 * BFF does (src/identity/wechat-login.ts). WeChat checks the appid (40013) and the secret (40125)
 * before the code (40029), so the errcode tells which of the three is wrong. The URL carries the
 * secret, so neither it nor a transport error's text is ever returned.
 */
export async function probeWechatExchange(
  deps: ResolvedDoctorDeps,
  baseUrl: string,
  path: 'sns/jscode2session' | 'sns/oauth2/access_token',
  credentials: { appid: string; secret: string },
): Promise<WechatProbe> {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  url.searchParams.set('appid', credentials.appid)
  url.searchParams.set('secret', credentials.secret)
  url.searchParams.set(path === 'sns/jscode2session' ? 'js_code' : 'code', DOCTOR_INVALID_CODE)
  url.searchParams.set('grant_type', 'authorization_code')
  let response: Response
  try {
    response = await deps.fetch(url, { signal: AbortSignal.timeout(deps.timeoutMs) })
  } catch (error) {
    return { kind: 'unreachable', reason: describeFetchError(error, deps.timeoutMs) }
  }
  if (!response.ok) return { kind: 'unreachable', reason: `HTTP ${response.status}` }
  let answer: unknown
  try {
    answer = await response.json()
  } catch {
    return { kind: 'unreachable', reason: 'the answer is not JSON' }
  }
  const errcode = (answer as { errcode?: unknown } | null)?.errcode
  if (typeof errcode !== 'number') {
    // With a made-up code only an error can come back; anything else is not WeChat's API.
    return { kind: 'unreachable', reason: 'the answer has no errcode' }
  }
  return { kind: 'answered', errcode }
}
