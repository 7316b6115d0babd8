import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'
import type { AlipayKeys } from './load-alipay-keys'
import { DOCTOR_INVALID_CODE } from './probe-wechat-exchange'
import { verifyAlipayAnswer, type AlipayAnswer } from './verify-alipay-answer'

const SETTINGS = [
  'ALIPAY_GATEWAY_URL',
  'ALIPAY_APPID',
  'ALIPAY_PRIVATE_KEY_FILE',
  'ALIPAY_PUBLIC_KEY_FILE',
] as const
const METHOD = 'alipay.system.oauth.token'

/** Calls the token method with a made-up code; the answer as Alipay sent it, or why none came. */
async function callGateway(
  env: Env,
  deps: ResolvedDoctorDeps,
  keys: Extract<AlipayKeys, { kind: 'usable' }>,
): Promise<AlipayAnswer | { error: string }> {
  // Loaded when the doctor runs, not at the BFF's start (identity/alipay-login.ts says why).
  const { AlipaySdk } = await import('alipay-sdk')
  const sdk = new AlipaySdk({
    appId: env.ALIPAY_APPID,
    privateKey: keys.privateKeyPem,
    alipayPublicKey: keys.alipayPublicKeyPem,
    gateway: env.ALIPAY_GATEWAY_URL,
    keyType: 'PKCS8',
    timeout: deps.timeoutMs,
    camelcase: false,
  })
  try {
    const content = (await sdk.exec(
      METHOD,
      { grant_type: 'authorization_code', code: DOCTOR_INVALID_CODE },
      { validateSign: true },
    )) as Record<string, unknown>
    return { key: METHOD, content, verified: true }
  } catch (error) {
    // alipay-sdk cannot verify an error_response, and refuses a bad signature: read the raw answer.
    const raw = (error as { responseDataRaw?: unknown }).responseDataRaw
    const status = (error as { responseHttpStatus?: unknown }).responseHttpStatus
    if (typeof raw === 'string') {
      const answer = verifyAlipayAnswer(raw, METHOD, keys.alipayPublicKey)
      if (answer !== undefined) return answer
      return {
        error:
          typeof status === 'number' && status !== 200
            ? `HTTP ${status}`
            : 'the answer is not Alipay’s JSON',
      }
    }
    const code = (error as { cause?: { code?: unknown } }).cause?.code
    return {
      error: typeof code === 'string' ? `the request failed (${code})` : 'the request failed',
    }
  }
}

/**
 * The Alipay gateway, probed with `alipay.system.oauth.token` and a made-up code, as the BFF calls
 * it: Alipay checks the app id and our signature (made with ALIPAY_PRIVATE_KEY_FILE against the
 * app public key uploaded for ALIPAY_APPID) before the code, and signs its answer, which
 * ALIPAY_PUBLIC_KEY_FILE must verify. Only "invalid code" from a verified answer is a pass. Not
 * asked when the keys line is already ✗, so one broken file turns one line red.
 */
export async function checkAlipayGateway(
  env: Env,
  deps: ResolvedDoctorDeps,
  keys: AlipayKeys,
  keysLine: DoctorCheck,
): Promise<DoctorCheck> {
  if (keys.kind !== 'usable' || keysLine.status === 'fail') {
    return line(
      'alipay-gateway',
      SETTINGS,
      'unknown',
      'not checked: the Alipay keys are not usable (see alipay-keys).',
    )
  }
  const answer = await callGateway(env, deps, keys)
  if ('error' in answer) {
    return line(
      'alipay-gateway',
      SETTINGS,
      'fail',
      `${env.ALIPAY_GATEWAY_URL} did not answer like Alipay’s gateway (${answer.error}).`,
      'Set ALIPAY_GATEWAY_URL to https://openapi.alipay.com/gateway.do and allow the BFF outgoing https to it.',
    )
  }
  const subCode = typeof answer.content.sub_code === 'string' ? answer.content.sub_code : ''
  if (subCode === 'isv.invalid-app-id') {
    return line(
      'alipay-gateway',
      SETTINGS,
      'fail',
      `Alipay does not know app ${env.ALIPAY_APPID} (isv.invalid-app-id).`,
      'Copy the APPID of your app from open.alipay.com into ALIPAY_APPID.',
    )
  }
  if (subCode === 'isv.invalid-signature') {
    return line(
      'alipay-gateway',
      SETTINGS,
      'fail',
      `Alipay refused our signature (isv.invalid-signature): ALIPAY_PRIVATE_KEY_FILE is not the private half of the app public key uploaded for app ${env.ALIPAY_APPID}.`,
      'Upload the public half of this private key as 应用公钥 (open.alipay.com → your app → 开发设置 → 接口加签方式), or point ALIPAY_PRIVATE_KEY_FILE at the matching private key.',
    )
  }
  if (answer.verified === false) {
    return line(
      'alipay-gateway',
      SETTINGS,
      'fail',
      'Alipay’s answer does not verify with ALIPAY_PUBLIC_KEY_FILE: it is not Alipay’s public key for this app, and every login would fail.',
      'Copy 支付宝公钥 for this app (open.alipay.com → your app → 开发设置 → 接口加签方式) into ALIPAY_PUBLIC_KEY_FILE.',
    )
  }
  if (answer.content.code === '40002' && /code|auth|grant/i.test(subCode)) {
    const signed =
      answer.verified === true
        ? ' and its answer verifies with ALIPAY_PUBLIC_KEY_FILE'
        : '; its answer was unsigned, so ALIPAY_PUBLIC_KEY_FILE is checked at the first real login'
    return line(
      'alipay-gateway',
      SETTINGS,
      answer.verified === true ? 'ok' : 'unknown',
      `Alipay accepted app ${env.ALIPAY_APPID} and our signature and refused only the made-up code (${subCode})${signed}.`,
    )
  }
  return line(
    'alipay-gateway',
    SETTINGS,
    'unknown',
    `Alipay answered ${String(answer.content.code)} ${subCode || String(answer.content.msg)}, which the doctor does not know.`,
    'Look the sub_code up in Alipay’s gateway error codes.',
  )
}
