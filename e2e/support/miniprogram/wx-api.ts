/**
 * A fake `wx` following the WeChat mini-program API contracts the store and Taro use
 * (https://developers.weixin.qq.com/miniprogram/dev/api/): `wx.request` answers every HTTP status
 * through `success` with `statusCode` and fails only when the network does; `wx.login` gives a
 * code; `wx.requestPayment` reports `requestPayment:ok` / `requestPayment:fail cancel` /
 * `requestPayment:fail …`; storage, navigation, toasts, modals, the navigation bar title and `stopPullDownRefresh`.
 */
import { answer, encodeRequestData, text, withQuery, type ApiOptions } from './callbacks'
import type { Shell } from './shell'

/** The mini-program appid the build runs as (the simulator's sandbox mini-program). */
export const WEAPP_APPID = 'wx0000000000000001'

/** Builds the `wx` object over `shell`. */
export function createWx(shell: Shell): Record<string, unknown> {
  const readStorage = (key: string): unknown => {
    const text = shell.storage.get(key)
    return text === undefined ? '' : shell.adopt(JSON.parse(text) as unknown)
  }
  const nav =
    (kind: 'navigateTo' | 'redirectTo' | 'navigateBack' | 'switchTab' | 'reLaunch') =>
    (options?: ApiOptions) =>
      answer(shell, kind, options, async () => {
        try {
          await shell.navigate({
            kind,
            ...(typeof options?.url === 'string' ? { url: options.url } : {}),
            ...(typeof options?.delta === 'number' ? { delta: options.delta } : {}),
          })
          return { ok: true, result: { errMsg: `${kind}:ok` } }
        } catch (error) {
          return { ok: false, result: { errMsg: `${kind}:fail ${(error as Error).message}` } }
        }
      })

  return {
    request(options: ApiOptions) {
      const controller = { aborted: false }
      answer(shell, 'request', options, async () => {
        const method = (text(options.method) || 'GET').toUpperCase()
        const headers: Record<string, string> = {}
        for (const [key, value] of Object.entries(
          (options.header as Record<string, unknown>) ?? {},
        ))
          headers[key.toLowerCase()] = String(value)
        headers['content-type'] ??= 'application/json'
        const { query, body } = encodeRequestData(method, headers['content-type'], options.data)
        try {
          const response = await shell.http({
            url: withQuery(String(options.url), query),
            method,
            headers,
            ...(body === undefined ? {} : { body }),
            timeoutMs: Number(options.timeout ?? 60_000),
          })
          if (controller.aborted) return { ok: false, result: { errMsg: 'request:fail abort' } }
          let data: unknown = response.text
          if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(response.text)
            } catch {
              // WeChat hands the raw text over when it is not JSON.
            }
          }
          return {
            ok: true,
            result: {
              data,
              statusCode: response.status,
              header: response.headers,
              cookies: [],
              errMsg: 'request:ok',
            },
          }
        } catch (error) {
          return {
            ok: false,
            result: { errMsg: `request:fail ${(error as Error).message}`, errno: 600001 },
          }
        }
      })
      return {
        abort: () => (controller.aborted = true),
        onHeadersReceived: () => undefined,
        offHeadersReceived: () => undefined,
      }
    },
    login(options: ApiOptions) {
      answer(shell, 'login', options, async () => {
        try {
          return {
            ok: true,
            result: { code: await shell.loginCode('wechat-miniprogram'), errMsg: 'login:ok' },
          }
        } catch (error) {
          return { ok: false, result: { errMsg: `login:fail ${(error as Error).message}` } }
        }
      })
    },
    requestPayment(options: ApiOptions) {
      answer(shell, 'requestPayment', options, async () => {
        const plan = shell.nextPayment()
        // The client adds the mini-program's own appId: the page never passes it.
        const cloudpayParam = JSON.stringify({
          appId: WEAPP_APPID,
          timeStamp: options.timeStamp,
          nonceStr: options.nonceStr,
          package: options.package,
          signType: options.signType,
          paySign: options.paySign,
        })
        const { status, body } = await shell.walletPay(cloudpayParam, plan.outcome)
        plan.beforeAnswer?.()
        if (status !== 200)
          return {
            ok: false,
            result: { errMsg: `requestPayment:fail ${text(body.error) || String(status)}` },
          }
        const errMsg = String(body.err_msg)
        if (errMsg.endsWith(':ok')) return { ok: true, result: { errMsg: 'requestPayment:ok' } }
        if (errMsg.endsWith(':cancel'))
          return { ok: false, result: { errMsg: 'requestPayment:fail cancel' } }
        return { ok: false, result: { errMsg: 'requestPayment:fail 支付失败' } }
      })
    },
    setStorageSync(key: string, data: unknown) {
      shell.storage.set(String(key), JSON.stringify(data) ?? 'null')
    },
    getStorageSync: (key: string) => readStorage(String(key)),
    removeStorageSync(key: string) {
      shell.storage.delete(String(key))
    },
    clearStorageSync() {
      shell.storage.clear()
    },
    setStorage(options: ApiOptions) {
      answer(shell, 'setStorage', options, () => {
        shell.storage.set(String(options.key), JSON.stringify(options.data) ?? 'null')
        return Promise.resolve({ ok: true, result: { errMsg: 'setStorage:ok' } })
      })
    },
    getStorage(options: ApiOptions) {
      answer(shell, 'getStorage', options, () => {
        const key = String(options.key)
        return Promise.resolve(
          shell.storage.has(key)
            ? {
                ok: true,
                result: {
                  data: JSON.parse(shell.storage.get(key)!) as unknown,
                  errMsg: 'getStorage:ok',
                },
              }
            : { ok: false, result: { errMsg: 'getStorage:fail data not found' } },
        )
      })
    },
    removeStorage(options: ApiOptions) {
      answer(shell, 'removeStorage', options, () => {
        shell.storage.delete(String(options.key))
        return Promise.resolve({ ok: true, result: { errMsg: 'removeStorage:ok' } })
      })
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    navigateBack: nav('navigateBack'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    stopPullDownRefresh: (options?: ApiOptions) =>
      answer(shell, 'stopPullDownRefresh', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'stopPullDownRefresh:ok' } }),
      ),
    showToast(options: ApiOptions) {
      shell.shown.push({ kind: 'toast', text: text(options.title) })
      answer(shell, 'showToast', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'showToast:ok' } }),
      )
    },
    hideToast: (options?: ApiOptions) =>
      answer(shell, 'hideToast', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'hideToast:ok' } }),
      ),
    showLoading(options: ApiOptions) {
      shell.shown.push({ kind: 'loading', text: text(options.title) })
      answer(shell, 'showLoading', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'showLoading:ok' } }),
      )
    },
    hideLoading: (options?: ApiOptions) =>
      answer(shell, 'hideLoading', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'hideLoading:ok' } }),
      ),
    showModal(options: ApiOptions) {
      shell.shown.push({
        kind: 'modal',
        text: `${text(options.title)} ${text(options.content)}`.trim(),
      })
      answer(shell, 'showModal', options, () => {
        const confirm = shell.nextModalAnswer()
        return Promise.resolve({
          ok: true,
          result: { confirm, cancel: !confirm, errMsg: 'showModal:ok' },
        })
      })
    },
    setNavigationBarTitle(options: ApiOptions) {
      shell.shown.push({ kind: 'title', text: text(options.title) })
      answer(shell, 'setNavigationBarTitle', options, () =>
        Promise.resolve({ ok: true, result: { errMsg: 'setNavigationBarTitle:ok' } }),
      )
    },
    getSystemInfoSync: () =>
      shell.adopt({
        brand: 'devtools',
        model: 'iPhone 12',
        platform: 'ios',
        system: 'iOS 16.0',
        version: '8.0.50',
        SDKVersion: '3.4.0',
        pixelRatio: 3,
        screenWidth: 390,
        screenHeight: 844,
        windowWidth: 390,
        windowHeight: 844,
        statusBarHeight: 47,
        language: 'zh_CN',
      }),
    canIUse: () => true,
    nextTick: (callback: () => void) => shell.engine.later(callback),
    getLaunchOptionsSync: () => shell.adopt({ path: 'pages/store/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => shell.adopt({ path: 'pages/store/index', query: {}, scene: 1001 }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
  }
}
