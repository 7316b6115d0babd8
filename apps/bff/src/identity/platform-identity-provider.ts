import type { Channel } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import { createAlipayLogin } from './alipay-login'
import type { Identity, IdentityProvider } from './identity-provider'
import { exchangeWechatCode } from './wechat-login'

/** The apps and endpoints of the real (or simulated) identity providers. */
export interface PlatformIdentityOptions {
  wechatBaseUrl: string
  miniprogram: { appid: string; secret: string }
  officialAccount: { appid: string; secret: string }
  alipay:
    | {
        gateway: string
        appId: string
        privateKey: string
        alipayPublicKey: string
        openIdPassthrough: boolean
      }
    | undefined
  timeoutMs: number
  fetch?: typeof fetch
}

/** The identity provider for all four channels: WeChat's two code exchanges and Alipay's token call. */
export function createPlatformIdentityProvider(options: PlatformIdentityOptions): IdentityProvider {
  const wechat = {
    baseUrl: options.wechatBaseUrl,
    timeoutMs: options.timeoutMs,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  }
  const alipay =
    options.alipay === undefined
      ? undefined
      : createAlipayLogin({ ...options.alipay, timeoutMs: options.timeoutMs })
  return {
    resolve(channel: Channel, code: string): Promise<Identity> {
      switch (channel) {
        case 'wechat-miniprogram':
          return exchangeWechatCode(wechat, 'sns/jscode2session', { ...options.miniprogram, code })
        case 'wechat-official-account':
          return exchangeWechatCode(wechat, 'sns/oauth2/access_token', {
            ...options.officialAccount,
            code,
          })
        case 'alipay-miniprogram':
        case 'alipay-service-window':
          if (alipay === undefined) {
            return Promise.reject(
              errors.loginProviderUnavailable(new Error('Alipay keys are not configured')),
            )
          }
          return alipay(code)
      }
    },
  }
}
