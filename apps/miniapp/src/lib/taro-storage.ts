import Taro from '@tarojs/taro'

import type { KeyValueStorage } from './key-value-storage'

/** KeyValueStorage over Taro's synchronous storage (localStorage on H5). */
export const taroStorage: KeyValueStorage = {
  get(key) {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : undefined
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    Taro.removeStorageSync(key)
  },
}
