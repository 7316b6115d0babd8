import { SIMULATED_APPS } from '../identity/simulated-apps'
import { wechatError } from './wechat-errors'

/** Checks a WeChat app's id and secret: unknown appid → 40013, wrong secret → 40125, else undefined. */
export function checkWechatApp(
  appid: string | undefined,
  secret: string | undefined,
): ReturnType<typeof wechatError> | undefined {
  const app = SIMULATED_APPS.find((item) => item.provider === 'wechat' && item.appid === appid)
  if (!app) return wechatError(40013, 'invalid appid')
  if (secret !== app.secret) return wechatError(40125, 'invalid appsecret')
  return undefined
}
