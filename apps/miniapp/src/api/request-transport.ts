import type { HttpTransport } from './http-transport'

/** The options the transport passes to Taro.request (the part it uses). */
export interface RequestOptions {
  url: string
  method: 'GET' | 'POST'
  header: Record<string, string>
  data?: unknown
  dataType: 'json'
  timeout: number
}

/** Taro.request's shape as the transport needs it: resolves with the status and the parsed body. */
export type RequestFunction = (
  options: RequestOptions,
) => Promise<{ statusCode: number; data: unknown }>

/** What a rejected request may carry: Alipay's `my.request` fails 4xx/5xx with the answer attached. */
interface FailedRequest {
  status?: number
  statusCode?: number
  data?: unknown
}

/** How long one request may take before the platform gives up. */
export const REQUEST_TIMEOUT_MS = 15_000

/**
 * An HttpTransport over a Taro.request-like function (wx.request, my.request, fetch on H5).
 * WeChat resolves every HTTP status; Alipay's `my.request` reports 4xx/5xx through `fail` with
 * `status` and `data`, so those rejections become answers too and only "no answer" rejects.
 */
export function requestTransport(request: RequestFunction): HttpTransport {
  return async ({ method, url, headers, body }) => {
    try {
      const response = await request({
        url,
        method,
        header: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        ...(body === undefined ? {} : { data: body }),
        dataType: 'json',
        timeout: REQUEST_TIMEOUT_MS,
      })
      return { status: response.statusCode, body: response.data }
    } catch (error) {
      const failed = error as FailedRequest | undefined
      const status = failed?.status ?? failed?.statusCode
      if (typeof status === 'number' && status >= 400) return { status, body: failed?.data }
      throw error
    }
  }
}
