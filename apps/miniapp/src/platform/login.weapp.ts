import type { Channel } from '@quickpay/contracts'

import type { PlatformLogin } from './platform-types'
import { loginWithWx } from './wx-login'

/** WeChat mini-program login (see wx-login.ts). */
export const login: PlatformLogin = () => loginWithWx(wx)

/** In sandbox mode, a DevTools login falls back to the sandbox shopper of this channel. */
export const sandboxLoginChannel: Channel | undefined = 'wechat-miniprogram'
