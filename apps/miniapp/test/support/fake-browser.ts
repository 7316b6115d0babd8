import type {
  AlipayJSBridgeApi,
  BrowserWindow,
  WeixinJSBridgeApi,
} from '../../src/platform/browser-window'

/** User agents as WeChat, Alipay and a desktop browser send them. */
export const USER_AGENTS = {
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
  alipay:
    'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 AlipayClient/10.5.36.8000 Language/zh-Hans',
  browser:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
}

/**
 * A fake browser window: records location.replace and history.replaceState, keeps a real
 * sessionStorage-like map, and dispatches document events only when the test says so — so a
 * bridge is "not ready" until `dispatch('WeixinJSBridgeReady')`.
 */
export function fakeBrowser(href: string, userAgent: string) {
  const listeners = new Map<string, Set<() => void>>()
  const session = new Map<string, string>()
  const replaced: string[] = []
  const historyUrls: string[] = []
  const win: BrowserWindow = {
    location: {
      href,
      replace(url) {
        replaced.push(url)
      },
    },
    history: {
      state: { key: 'taro-router' },
      replaceState(_data, _unused, url) {
        if (url !== undefined) {
          historyUrls.push(url)
          win.location.href = url
        }
      },
    },
    navigator: { userAgent },
    sessionStorage: {
      getItem: (key) => session.get(key) ?? null,
      setItem: (key, value) => void session.set(key, value),
      removeItem: (key) => void session.delete(key),
    },
    document: {
      addEventListener(type, listener) {
        const set = listeners.get(type) ?? new Set()
        set.add(listener)
        listeners.set(type, set)
      },
      removeEventListener(type, listener) {
        listeners.get(type)?.delete(listener)
      },
    },
    setTimeout: (handler, ms) => setTimeout(handler, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  return {
    win,
    session,
    replaced,
    historyUrls,
    /** Fires a document event as the wallet would. */
    dispatch(type: string) {
      for (const listener of listeners.get(type) ?? []) listener()
    },
    listenerCount: (type: string) => listeners.get(type)?.size ?? 0,
  }
}

/** A fake WeixinJSBridge answering `err_msg`, recording what it was invoked with. */
export function fakeWeixinBridge(errMsg: string) {
  const calls: { name: string; params: Record<string, string> }[] = []
  const bridge: WeixinJSBridgeApi = {
    invoke(name, params, callback) {
      calls.push({ name, params })
      callback({ err_msg: errMsg })
    },
  }
  return { bridge, calls }
}

/** A fake AlipayJSBridge answering `resultCode`, recording what it was called with. */
export function fakeAlipayBridge(resultCode: string) {
  const calls: { name: string; params: { tradeNO: string } }[] = []
  const bridge: AlipayJSBridgeApi = {
    call(name, params, callback) {
      calls.push({ name, params })
      callback({ resultCode })
    },
  }
  return { bridge, calls }
}
