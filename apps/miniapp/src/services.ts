import { createBffClient } from './api/bff-client'
import { taroTransport } from './api/taro-transport'
import { cartStore } from './cart/cart-store'
import { pendingCheckout } from './checkout/pending-checkout'
import { env } from './env'
import { sleep } from './lib/sleep'
import { taroStorage } from './lib/taro-storage'
import { login, sandboxLoginChannel } from './platform/login'

/** The app's singletons, wired with Taro's transport and storage and the platform login. */
export const services = {
  client: createBffClient({
    baseUrl: env.bffUrl,
    transport: taroTransport,
    storage: taroStorage,
    login,
    sleep,
    ...(sandboxLoginChannel === undefined ? {} : { sandboxLoginChannel }),
  }),
  cart: cartStore(taroStorage),
  checkout: pendingCheckout(taroStorage),
  /** An absolute URL for a path the BFF serves (product images). */
  assetUrl: (path: string) => (/^https?:\/\//.test(path) ? path : `${env.bffUrl}${path}`),
}
