import { errors } from '../errors/errors'
import type { Identity } from './identity-provider'

/** Where and as whom the BFF calls WeChat's code exchanges. */
export interface WechatLoginOptions {
  baseUrl: string
  timeoutMs: number
  fetch?: typeof fetch
}

/** The fields of WeChat's answers the BFF reads; `session_key` and tokens are deliberately not typed. */
interface WechatAnswer {
  errcode?: number
  openid?: unknown
  is_snapshotuser?: unknown
}

/** WeChat's documented error codes mapped to the BFF's errors (channels.md). */
function mapErrcode(errcode: number): Error {
  if (errcode === 40029 || errcode === 40163 || errcode === 40030) return errors.invalidLoginCode()
  if (errcode === 45011) return errors.loginRateLimited(60)
  if (errcode === 40226) return errors.invalidLoginCode()
  return errors.loginProviderUnavailable(new Error(`WeChat errcode ${errcode}`))
}

/**
 * Exchanges a WeChat code at `path` (`sns/jscode2session` or `sns/oauth2/access_token`). The answer's
 * `session_key` and `access_token` are dropped here: nothing but the openid leaves this function.
 */
export async function exchangeWechatCode(
  options: WechatLoginOptions,
  path: 'sns/jscode2session' | 'sns/oauth2/access_token',
  params: { appid: string; secret: string; code: string },
): Promise<Identity> {
  const url = new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`)
  url.searchParams.set('appid', params.appid)
  url.searchParams.set('secret', params.secret)
  url.searchParams.set(path === 'sns/jscode2session' ? 'js_code' : 'code', params.code)
  url.searchParams.set('grant_type', 'authorization_code')
  let answer: WechatAnswer
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    if (!response.ok) throw new Error(`WeChat answered HTTP ${response.status}`)
    answer = (await response.json()) as WechatAnswer
  } catch (error) {
    throw errors.loginProviderUnavailable(error)
  }
  if (typeof answer !== 'object' || answer === null) {
    throw errors.loginProviderUnavailable(new Error('WeChat answered no object'))
  }
  if (typeof answer.errcode === 'number' && answer.errcode !== 0) throw mapErrcode(answer.errcode)
  if (answer.is_snapshotuser === 1 || answer.is_snapshotuser === '1') throw errors.snapshotUser()
  if (typeof answer.openid !== 'string' || answer.openid.length === 0) {
    throw errors.loginProviderUnavailable(new Error('WeChat answered no openid'))
  }
  return { payerId: answer.openid, appid: params.appid }
}
