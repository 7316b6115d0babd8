import type { Middleware } from 'koa'

import { mintLoginCode } from '../identity/mint-login-code'
import { SIMULATOR_DEFAULTS } from '../simulator-defaults'
import type { SimulatorContext } from '../simulator-context'
import { queryParam } from './query-param'
import { redirectBack } from './redirect-back'
import { simulatedUser } from './simulated-user'

/**
 * `GET /connect/oauth2/authorize`: the official account's silent `snsapi_base` authorization. No
 * consent page: it redirects (302) straight to `redirect_uri?code=…&state=…`. `sim_user` (query, else cookie) picks the
 * shopper (default `shopper`), `sim_snapshot=1` makes a snapshot-page user.
 */
export function wechatAuthorize(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('connect/oauth2/authorize')
    const appid = queryParam(ctx, 'appid')
    if (appid !== SIMULATOR_DEFAULTS.wechatOfficialAccount.appid) {
      ctx.status = 400
      ctx.body = { error: `appid ${appid ?? '(missing)'} is not the official account's appid` }
      return
    }
    const scope = queryParam(ctx, 'scope')
    if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') {
      ctx.status = 400
      ctx.body = { error: 'scope must be snsapi_base or snsapi_userinfo' }
      return
    }
    const redirectUri = queryParam(ctx, 'redirect_uri')
    if (!URL.canParse(redirectUri ?? '')) {
      ctx.status = 400
      ctx.body = { error: 'redirect_uri must be an absolute http(s) URL' }
      return
    }
    const code = mintLoginCode(sim, {
      kind: 'wechat-oauth2',
      appid,
      user: simulatedUser(ctx),
      snapshot: queryParam(ctx, 'sim_snapshot') === '1',
    })
    redirectBack(ctx, redirectUri, { code: code.code, state: queryParam(ctx, 'state') ?? '' })
  }
}
