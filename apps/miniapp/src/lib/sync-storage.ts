import type { KeyValueStorage } from './key-value-storage'

/** The synchronous storage calls Taro offers on every target (wx/my storage, localStorage on H5). */
export interface SyncStorageApi {
  getStorageSync(key: string): unknown
  setStorageSync(key: string, value: string): void
  removeStorageSync(key: string): void
}

/**
 * KeyValueStorage over the platforms' synchronous storage. A missing key reads as '' on WeChat
 * and as null or undefined elsewhere; all of them, and anything not a string, read as absent.
 */
export function syncStorage(api: SyncStorageApi): KeyValueStorage {
  return {
    get(key) {
      const value = api.getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : undefined
    },
    set(key, value) {
      api.setStorageSync(key, value)
    },
    remove(key) {
      api.removeStorageSync(key)
    },
  }
}
