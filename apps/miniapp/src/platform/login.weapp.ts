import type { PlatformLogin } from './platform-types'
import { loginWithWx } from './wx-login'

/** WeChat mini-program login (see wx-login.ts). */
export const login: PlatformLogin = () => loginWithWx(wx)
