import { StoreError } from '../errors/store-error'
import type { LoginResult } from './platform-types'

/** The part of the Alipay mini-program `my` object that login uses. */
export interface MyLoginApi {
  getAuthCode(options: {
    scopes: string | string[]
    success: (result: { authCode: string }) => void
    fail: (error: { error?: number; errorMessage?: string }) => void
  }): void
}

/** Alipay mini-program login: `my.getAuthCode({ scopes: 'auth_base' })` → channel `alipay-miniprogram`. */
export function loginWithMy(my: MyLoginApi): Promise<LoginResult> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base',
      success: ({ authCode }) => {
        if (typeof authCode === 'string' && authCode !== '') {
          resolve({ kind: 'code', request: { channel: 'alipay-miniprogram', code: authCode } })
        } else {
          reject(new StoreError('LOGIN_FAILED'))
        }
      },
      fail: (error) => reject(new StoreError('LOGIN_FAILED', { cause: error })),
    })
  })
}
