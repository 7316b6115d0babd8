import { StoreError } from '../errors/store-error'
import type { LoginResult } from './platform-types'

/** The part of the WeChat mini-program `wx` object that login uses. */
export interface WxLoginApi {
  login(options: {
    success: (result: { code: string; errMsg: string }) => void
    fail: (error: { errMsg: string }) => void
  }): void
}

/** WeChat mini-program login: `wx.login` → a code for channel `wechat-miniprogram`. */
export function loginWithWx(wx: WxLoginApi): Promise<LoginResult> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: ({ code, errMsg }) => {
        if (typeof code === 'string' && code !== '') {
          resolve({ kind: 'code', request: { channel: 'wechat-miniprogram', code } })
        } else {
          reject(new StoreError('LOGIN_FAILED', { cause: errMsg }))
        }
      },
      fail: ({ errMsg }) => reject(new StoreError('LOGIN_FAILED', { cause: errMsg })),
    })
  })
}
