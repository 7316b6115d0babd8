import { Router } from '@koa/router'

import { alipayAuthorize } from '../routes/alipay-authorize'
import { alipayGateway } from '../routes/alipay-gateway'
import { wechatAuthorize } from '../routes/wechat-authorize'
import { wechatJscode2session } from '../routes/wechat-jscode2session'
import { wechatOauthAccessToken } from '../routes/wechat-oauth-access-token'
import type { SimulatorContext } from '../simulator-context'

/** The identity providers: WeChat's code exchanges and authorize page, Alipay's gateway and page. */
export function createIdentityRouter(sim: SimulatorContext): Router {
  const router = new Router()
  router.get('/sns/jscode2session', wechatJscode2session(sim))
  router.get('/sns/oauth2/access_token', wechatOauthAccessToken(sim))
  router.get('/connect/oauth2/authorize', wechatAuthorize(sim))
  router.post('/gateway.do', alipayGateway(sim))
  router.get('/oauth2/publicAppAuthorize.htm', alipayAuthorize(sim))
  return router
}
