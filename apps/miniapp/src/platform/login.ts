import type { Channel } from '@quickpay/contracts'

import { StoreError } from '../errors/store-error'
import type { PlatformLogin } from './platform-types'

/**
 * The platform login. Taro picks `login.weapp.ts`, `login.alipay.ts` or `login.h5.ts` by
 * TARO_ENV; this file is the type every variant follows and the answer on any other target.
 */
export const login: PlatformLogin = () => Promise.reject(new StoreError('UNSUPPORTED_BROWSER'))

/** The mini-program channel whose IDE login may fall back to a sandbox session; none here. */
export const sandboxLoginChannel: Channel | undefined = undefined
