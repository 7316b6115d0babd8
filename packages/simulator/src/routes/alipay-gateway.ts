import type { Context, Middleware } from 'koa'

import { isGatewayRequestSigned } from '../alipay/request-signature'
import { signedGatewayResponse } from '../alipay/signed-response'
import { redeemLoginCode } from '../identity/redeem-login-code'
import { SIMULATOR_DEFAULTS } from '../simulator-defaults'
import type { SimulatorContext } from '../simulator-context'
import { randomAlnum } from '../state/random-text'
import { formatChinaTime } from '../time/china-time'

const TOKEN_METHOD = 'alipay.system.oauth.token'
const TOKEN_KEY = 'alipay_system_oauth_token_response'

/**
 * `POST /gateway.do`: Alipay's OpenAPI 2.0 gateway for `alipay.system.oauth.token`, as `alipay-sdk`
 * calls it (public parameters in the query, the rest form-encoded). The RSA2 request signature is
 * checked with the app's public key and answers are signed with "Alipay's" private key. A bad
 * signature is answered under the method's key; a bad code under `error_response`, as Alipay does.
 */
export function alipayGateway(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('gateway.do')
    const params = gatewayParams(ctx)
    const method = params.method
    ctx.type = 'application/json; charset=utf-8'
    const answer = (key: string, content: object): void => {
      ctx.body = signedGatewayResponse(key, content, sim.config.alipayPrivateKey)
    }
    if (!method) return answer('error_response', gatewayError('40001', 'isv.missing-method'))
    if (method !== TOKEN_METHOD)
      return answer('error_response', gatewayError('40002', 'isv.invalid-method'))
    sim.state.countCall(TOKEN_METHOD)
    if (params.app_id !== SIMULATOR_DEFAULTS.alipay.appid) {
      return answer(TOKEN_KEY, gatewayError('40002', 'isv.invalid-app-id'))
    }
    if (!params.sign) return answer(TOKEN_KEY, gatewayError('40001', 'isv.missing-signature'))
    if (params.sign_type !== 'RSA2') {
      return answer(TOKEN_KEY, gatewayError('40002', 'isv.invalid-signature-type'))
    }
    if (!isGatewayRequestSigned(params, sim.config.alipayAppPublicKey)) {
      return answer(TOKEN_KEY, gatewayError('40002', 'isv.invalid-signature'))
    }
    if (params.grant_type !== 'authorization_code') {
      return answer('error_response', gatewayError('40002', 'isv.grant-type-invalid'))
    }
    const code = redeemLoginCode(sim, 'alipay-oauth-token', params.app_id, params.code)
    if (!code) return answer('error_response', gatewayError('40002', 'isv.code-invalid'))
    const id = sim.config.alipayOpenIdMode ? { open_id: code.openid } : { user_id: code.openid }
    answer(TOKEN_KEY, {
      ...id,
      access_token: `authusrB${randomAlnum(32)}`,
      expires_in: 1296000,
      refresh_token: `authusrB${randomAlnum(32)}`,
      re_expires_in: 2592000,
      auth_start: formatChinaTime(sim.config.clock()),
    })
  }
}

const SUB_MESSAGES: Record<string, string> = {
  'isv.missing-method': '缺少方法名参数',
  'isv.invalid-method': '不存在的方法名',
  'isv.invalid-app-id': '无效的AppID参数',
  'isv.missing-signature': '缺少签名参数',
  'isv.invalid-signature-type': '无效的签名类型',
  'isv.invalid-signature': '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配',
  'isv.grant-type-invalid': 'grant_type 无效',
  'isv.code-invalid': '授权码code无效',
}

function gatewayError(code: '40001' | '40002', subCode: string): object {
  return {
    code,
    msg: code === '40001' ? 'Missing Required Arguments' : 'Invalid Arguments',
    sub_code: subCode,
    sub_msg: SUB_MESSAGES[subCode] ?? subCode,
  }
}

// Public parameters arrive in the query, business ones in the form body; both count for the signature.
function gatewayParams(ctx: Context): Record<string, string> {
  const params: Record<string, string> = {}
  const body: unknown = ctx.request.body
  const sources: unknown[] = [ctx.query, typeof body === 'object' && body !== null ? body : {}]
  for (const source of sources) {
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      const first: unknown = Array.isArray(value) ? value[0] : value
      if (typeof first === 'string') params[name] = first
    }
  }
  return params
}
