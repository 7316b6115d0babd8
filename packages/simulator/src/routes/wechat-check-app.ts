import type { Context } from 'koa'

import { SIMULATED_APPS } from '../identity/simulated-apps'
import { queryParam } from './query-param'
import { wechatError } from './wechat-errors'

/**
 * Checks what both WeChat code exchanges require before a code is looked at: a known appid
 * (40013), its secret (40125) and `grant_type=authorization_code` (40002). Answers the error
 * body to send, or undefined when the request may go on.
 */
export function checkWechatApp(ctx: Context): ReturnType<typeof wechatError> | undefined {
  const appid = queryParam(ctx, 'appid')
  const app = SIMULATED_APPS.find((item) => item.provider === 'wechat' && item.appid === appid)
  if (!app) return wechatError(40013, 'invalid appid')
  if (queryParam(ctx, 'secret') !== app.secret) return wechatError(40125, 'invalid appsecret')
  if (queryParam(ctx, 'grant_type') !== 'authorization_code') {
    return wechatError(40002, 'invalid grant_type')
  }
  return undefined
}
