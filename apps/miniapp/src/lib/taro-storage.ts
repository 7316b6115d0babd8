import Taro from '@tarojs/taro'

import { syncStorage } from './sync-storage'

/** The store's KeyValueStorage: Taro's synchronous storage (see sync-storage.ts). */
export const taroStorage = syncStorage(Taro)
