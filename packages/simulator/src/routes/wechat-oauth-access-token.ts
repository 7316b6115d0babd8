import type { Middleware } from 'koa'

import { redeemLoginCode } from '../identity/redeem-login-code'
import type { SimulatorContext } from '../simulator-context'
import { randomAlnum } from '../state/random-text'
import { queryParam } from './query-param'
import { checkWechatApp } from './wechat-check-app'
import { wechatError } from './wechat-errors'

/**
 * `GET /sns/oauth2/access_token`: an official-account OAuth code → `{ access_token, openid, … }`;
 * a code minted for a snapshot user adds `is_snapshotuser: 1`. Same errors as jscode2session.
 */
export function wechatOauthAccessToken(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('sns/oauth2/access_token')
    const appid = queryParam(ctx, 'appid')
    const appError = checkWechatApp(ctx)
    if (appError) {
      ctx.body = appError
      return
    }
    const code = redeemLoginCode(sim, 'wechat-oauth2', appid ?? '', queryParam(ctx, 'code'))
    if (!code) {
      ctx.body = wechatError(40029, 'invalid code')
      return
    }
    ctx.body = {
      access_token: randomAlnum(64),
      expires_in: 7200,
      refresh_token: randomAlnum(64),
      openid: code.openid,
      scope: 'snsapi_base',
      ...(code.snapshot ? { is_snapshotuser: 1 } : {}),
    }
  }
}
