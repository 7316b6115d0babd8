import Taro from '@tarojs/taro'

import { syncStorage } from './sync-storage'

/**
 * The store's KeyValueStorage: Taro's synchronous storage (see sync-storage.ts). Each call is
 * written out as `Taro.xxx(…)`: on H5, Taro's Babel plugin turns those member calls into imports of
 * the H5 API, and the `Taro` object itself does not carry them.
 */
export const taroStorage = syncStorage({
  getStorageSync: (key) => Taro.getStorageSync<unknown>(key),
  setStorageSync: (key, value) => Taro.setStorageSync(key, value),
  removeStorageSync: (key) => Taro.removeStorageSync(key),
})
