import type { Router } from '@koa/router'

import type { StoreConfig } from '@quickpay/contracts'

import { strictRouter } from './strict-router'
import type { AppState } from '../app-state'
import type { Env } from '../env'

/** `GET /api/config`: what the store needs at run time (sandbox flag, app ids, authorize URLs); nothing secret. */
export function configRoutes(env: Env): Router<AppState> {
  const config: StoreConfig = {
    sandbox: env.SANDBOX,
    wechat: {
      miniprogram_appid: env.WECHAT_MINIPROGRAM_APPID,
      official_account_appid: env.WECHAT_OA_APPID,
      authorize_url: env.WECHAT_OAUTH_AUTHORIZE_URL,
    },
    alipay: { appid: env.ALIPAY_APPID, authorize_url: env.ALIPAY_AUTHORIZE_URL },
  }
  const router = strictRouter()
  router.get('/api/config', (ctx) => {
    ctx.set('Cache-Control', 'no-cache')
    ctx.body = config
  })
  return router
}
