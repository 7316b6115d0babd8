import { isAlipayUserId } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import { onFirstUse } from '../on-first-use'
import type { Identity } from './identity-provider'

/** The Alipay app the BFF signs `alipay.system.oauth.token` as. */
export interface AlipayLoginOptions {
  gateway: string
  appId: string
  privateKey: string
  alipayPublicKey: string
  timeoutMs: number
  openIdPassthrough: boolean
}

/** The fields of the token answer the BFF reads (camelcase off, so they stay as the wire has them). */
interface AlipayTokenAnswer {
  code?: string
  sub_code?: string
  user_id?: unknown
  open_id?: unknown
}

/** Codes that mean "this auth code is no good" rather than "Alipay is in trouble". */
const INVALID_CODE_SUB_CODES = /code|auth|grant/i

function isInvalidCode(answer: AlipayTokenAnswer | undefined): boolean {
  return answer?.code === '40002' && INVALID_CODE_SUB_CODES.test(answer.sub_code ?? '')
}

/** True when a failed call's raw answer is Alipay's "invalid auth code" error. */
function isInvalidCodeAnswer(error: unknown): boolean {
  const raw = (error as { responseDataRaw?: unknown } | undefined)?.responseDataRaw
  if (typeof raw !== 'string') return false
  try {
    const parsed = JSON.parse(raw) as Record<string, AlipayTokenAnswer | undefined>
    return (
      isInvalidCode(parsed.error_response) ||
      isInvalidCode(parsed.alipay_system_oauth_token_response)
    )
  } catch {
    return false
  }
}

/**
 * Creates the Alipay exchange: auth code → `user_id` (2088 + 12 digits) through the official
 * `alipay-sdk`, which is loaded on the first Alipay login rather than at start-up (with urllib,
 * undici and crypto-js it is about a third of the compiled BFF; docs/performance.md, Start-up).
 */
export function createAlipayLogin(
  options: AlipayLoginOptions,
): (code: string) => Promise<Identity> {
  const privateKey = options.privateKey.trim()
  // What the SDK's constructor refuses, refused here at once, so such settings still stop the start.
  if (options.appId === '') throw new Error('config.appId is required')
  if (privateKey === '') throw new Error('config.privateKey is required')
  const loadSdk = onFirstUse(() =>
    import('alipay-sdk').then(
      ({ AlipaySdk }) =>
        new AlipaySdk({
          appId: options.appId,
          privateKey,
          alipayPublicKey: options.alipayPublicKey.trim(),
          gateway: options.gateway,
          keyType: 'PKCS8',
          timeout: options.timeoutMs,
          camelcase: false,
        }),
    ),
  )
  return async (code) => {
    let answer: AlipayTokenAnswer
    try {
      const sdk = await loadSdk()
      answer = await sdk.exec(
        'alipay.system.oauth.token',
        { grant_type: 'authorization_code', code },
        { validateSign: true },
      )
    } catch (error) {
      // An unsigned error answer fails verification; it can still safely say "bad code" (we only refuse).
      if (isInvalidCodeAnswer(error)) throw errors.invalidLoginCode()
      throw errors.loginProviderUnavailable(error)
    }
    if (answer.code !== undefined && answer.code !== '10000') {
      if (isInvalidCode(answer)) throw errors.invalidLoginCode()
      throw errors.loginProviderUnavailable(new Error(`Alipay gateway code ${answer.code}`))
    }
    if (typeof answer.user_id === 'string' && answer.user_id.length > 0) {
      if (isAlipayUserId(answer.user_id) || options.openIdPassthrough) {
        return { payerId: answer.user_id, appid: options.appId }
      }
      throw errors.alipayUserIdRequired()
    }
    if (typeof answer.open_id === 'string' && answer.open_id.length > 0) {
      if (options.openIdPassthrough) return { payerId: answer.open_id, appid: options.appId }
      throw errors.alipayUserIdRequired()
    }
    throw errors.loginProviderUnavailable(new Error('Alipay answered neither user_id nor open_id'))
  }
}
