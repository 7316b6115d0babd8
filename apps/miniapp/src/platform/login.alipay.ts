import { loginWithMy, type MyLoginApi } from './my-login'
import type { PlatformLogin } from './platform-types'

declare const my: MyLoginApi

/** Alipay mini-program login (see my-login.ts). */
export const login: PlatformLogin = () => loginWithMy(my)
