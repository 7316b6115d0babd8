import type { Middleware } from 'koa'

import { mintLoginCode } from '../identity/mint-login-code'
import { SIMULATOR_DEFAULTS } from '../simulator-defaults'
import type { SimulatorContext } from '../simulator-context'
import { queryParam } from './query-param'
import { redirectBack } from './redirect-back'
import { simulatedUser } from './simulated-user'

/**
 * `GET /oauth2/publicAppAuthorize.htm`: Alipay's silent `auth_base` authorization; redirects (302)
 * to `redirect_uri?auth_code=…&app_id=…&scope=auth_base&state=…`. `sim_user` picks the shopper.
 */
export function alipayAuthorize(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.countCall('oauth2/publicAppAuthorize.htm')
    const appId = queryParam(ctx, 'app_id')
    if (appId !== SIMULATOR_DEFAULTS.alipay.appid) {
      ctx.status = 400
      ctx.body = { error: `app_id ${appId ?? '(missing)'} is not the Alipay app's id` }
      return
    }
    const scope = queryParam(ctx, 'scope') ?? 'auth_base'
    const redirectUri = queryParam(ctx, 'redirect_uri')
    if (!URL.canParse(redirectUri ?? '')) {
      ctx.status = 400
      ctx.body = { error: 'redirect_uri must be an absolute http(s) URL' }
      return
    }
    const code = mintLoginCode(sim, {
      kind: 'alipay-oauth-token',
      appid: appId,
      user: simulatedUser(ctx),
    })
    const params: Record<string, string> = { auth_code: code.code, app_id: appId, scope }
    const state = queryParam(ctx, 'state')
    if (state !== undefined) params.state = state
    redirectBack(ctx, redirectUri, params)
  }
}
