import type { Channel } from '@quickpay/contracts'

import { loginWithMy, type MyLoginApi } from './my-login'
import type { PlatformLogin } from './platform-types'

declare const my: MyLoginApi

/** Alipay mini-program login (see my-login.ts). */
export const login: PlatformLogin = () => loginWithMy(my)

/** In sandbox mode, an Alipay IDE login falls back to the sandbox shopper of this channel. */
export const sandboxLoginChannel: Channel | undefined = 'alipay-miniprogram'
