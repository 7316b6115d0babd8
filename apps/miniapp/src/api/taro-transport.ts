import Taro from '@tarojs/taro'

import { requestTransport } from './request-transport'

/** The store's HttpTransport: Taro.request on every target (see request-transport.ts); written as a member call, which Taro's H5 Babel plugin rewrites to the H5 API. */
export const taroTransport = requestTransport((options) => Taro.request<unknown, unknown>(options))
