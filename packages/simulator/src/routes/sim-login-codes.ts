import { loginCodeRequestSchema, type LoginCodeResponse } from '@quickpay/contracts'
import type { Middleware } from 'koa'

import { mintLoginCode } from '../identity/mint-login-code'
import { SIMULATOR_DEFAULTS } from '../simulator-defaults'
import type { SimulatorContext } from '../simulator-context'
import type { LoginCodeKind } from '../state/login-code'
import { parseControlBody } from './parse-control-body'

const APP_OF_CHANNEL = {
  'wechat-miniprogram': {
    kind: 'wechat-jscode2session',
    appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
  },
  'wechat-official-account': {
    kind: 'wechat-oauth2',
    appid: SIMULATOR_DEFAULTS.wechatOfficialAccount.appid,
  },
  'alipay-miniprogram': { kind: 'alipay-oauth-token', appid: SIMULATOR_DEFAULTS.alipay.appid },
  'alipay-service-window': { kind: 'alipay-oauth-token', appid: SIMULATOR_DEFAULTS.alipay.appid },
} as const satisfies Record<string, { kind: LoginCodeKind; appid: string }>

/**
 * `POST /__sim/login-codes {channel, user?, snapshot?}`: mints the single-use code the channel's
 * platform would hand the store, and tells which payer id it resolves to (`{ code, openid }`).
 */
export function simLoginCodes(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('__sim/login-codes')
    const request = parseControlBody(loginCodeRequestSchema, ctx.request.body)
    const app = APP_OF_CHANNEL[request.channel]
    const code = mintLoginCode(sim, {
      kind: app.kind,
      appid: app.appid,
      user: request.user,
      snapshot: request.snapshot ?? false,
    })
    const answer: LoginCodeResponse = { code: code.code, openid: code.openid }
    ctx.body = answer
  }
}
