import Taro from '@tarojs/taro'

import type { HttpTransport } from './http-transport'

interface FailedRequest {
  status?: number
  statusCode?: number
  data?: unknown
}

/**
 * An HttpTransport over Taro.request (wx.request, my.request, fetch on H5). Alipay's my.request
 * reports 4xx/5xx through `fail` with the status and body attached; those become answers too.
 */
export const taroTransport: HttpTransport = async ({ method, url, headers, body }) => {
  try {
    const response = await Taro.request<unknown>({
      url,
      method,
      header: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { data: body as TaroGeneral.IAnyObject }),
      dataType: 'json',
      timeout: 15_000,
    })
    return { status: response.statusCode, body: response.data }
  } catch (error) {
    const failed = error as FailedRequest | undefined
    const status = failed?.status ?? failed?.statusCode
    if (typeof status === 'number' && status >= 400) return { status, body: failed?.data }
    throw error
  }
}
