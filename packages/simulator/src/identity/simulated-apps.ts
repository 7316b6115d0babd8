import { SIMULATOR_DEFAULTS } from '../simulator-defaults'

/** A platform app the simulator knows, with the secret WeChat checks. */
export interface SimulatedApp {
  appid: string
  secret: string | null
  provider: 'wechat' | 'alipay'
}

/** The three apps of the demo: the WeChat mini-program, the official account, the Alipay app. */
export const SIMULATED_APPS: readonly SimulatedApp[] = [
  { ...SIMULATOR_DEFAULTS.wechatMiniprogram, provider: 'wechat' },
  { ...SIMULATOR_DEFAULTS.wechatOfficialAccount, provider: 'wechat' },
  { appid: SIMULATOR_DEFAULTS.alipay.appid, secret: null, provider: 'alipay' },
]
