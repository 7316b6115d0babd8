import Taro from '@tarojs/taro'

import { requestTransport } from './request-transport'

/** The store's HttpTransport: Taro.request on every target (see request-transport.ts). */
export const taroTransport = requestTransport((options) => Taro.request<unknown, unknown>(options))
