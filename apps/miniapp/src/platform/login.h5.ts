import type { Channel } from '@quickpay/contracts'

import { loginInBrowser } from './browser-login'
import { landingUrl } from './landing-url'
import type { PlatformLogin } from './platform-types'

/** H5 login through the wallet's OAuth redirect (see browser-login.ts). */
export const login: PlatformLogin = (config) => loginInBrowser(window, config, landingUrl)

/** None on H5: in sandbox mode the simulator's authorize page already hands out codes it knows. */
export const sandboxLoginChannel: Channel | undefined = undefined
