/** WeChat's in-app JS bridge, as far as payment needs it. */
export interface WeixinJSBridgeApi {
  invoke(
    name: 'getBrandWCPayRequest',
    params: Record<string, string>,
    callback: (result: { err_msg?: string; errMsg?: string }) => void,
  ): void
}

/** Alipay's in-app JS bridge, as far as payment needs it. */
export interface AlipayJSBridgeApi {
  call(
    name: 'tradePay',
    params: { tradeNO: string },
    callback: (result: { resultCode?: string | number }) => void,
  ): void
}

/**
 * The parts of `window` the H5 platform layer touches, so every H5 path runs in Node tests
 * against a fake window.
 */
export interface BrowserWindow {
  location: { href: string; replace(url: string): void }
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void }
  navigator: { userAgent: string }
  sessionStorage: {
    getItem(key: string): string | null
    setItem(key: string, value: string): void
    removeItem(key: string): void
  }
  document: {
    addEventListener(type: string, listener: () => void, options?: boolean): void
    removeEventListener(type: string, listener: () => void, options?: boolean): void
  }
  setTimeout(handler: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  WeixinJSBridge?: WeixinJSBridgeApi
  AlipayJSBridge?: AlipayJSBridgeApi
}
