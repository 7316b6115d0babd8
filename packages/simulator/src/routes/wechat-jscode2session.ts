import type { Middleware } from 'koa'

import { redeemLoginCode } from '../identity/redeem-login-code'
import type { SimulatorContext } from '../simulator-context'
import { randomAlnum } from '../state/random-text'
import { queryParam } from './query-param'
import { checkWechatApp } from './wechat-check-app'
import { wechatError } from './wechat-errors'

/**
 * `GET /sns/jscode2session`: a mini-program login code → `{ openid, session_key }`. A used, expired,
 * unknown or other app's code is `40029 invalid code`; a wrong secret `40125`. Codes are single-use.
 */
export function wechatJscode2session(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('sns/jscode2session')
    const appid = queryParam(ctx, 'appid')
    const appError = checkWechatApp(ctx)
    if (appError) {
      ctx.body = appError
      return
    }
    const code = redeemLoginCode(
      sim,
      'wechat-jscode2session',
      appid ?? '',
      queryParam(ctx, 'js_code'),
    )
    ctx.body = code
      ? { openid: code.openid, session_key: randomAlnum(22) + '==' }
      : wechatError(40029, 'invalid code')
  }
}
