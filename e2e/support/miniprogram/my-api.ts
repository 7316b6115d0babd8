/**
 * A fake `my` following the Alipay mini-program API contracts the store and Taro's Alipay adapter
 * (node_modules/@tarojs/plugin-platform-alipay/dist/runtime.js) use
 * (https://opendocs.alipay.com/mini/api/owycmh): `my.request` takes `headers` (lower-case keys,
 * default `content-type: application/json`) and `dataType`, answers 2xx through `success` with
 * `status` / `headers`, and any other HTTP status through `fail` with `error: 19` plus `status`,
 * `data` and `headers`; `my.getAuthCode` gives `authCode`; `my.tradePay` reports every outcome
 * as a `resultCode` through `success`; storage takes `{ key, data }` objects.
 */
import { answer, encodeRequestData, text, withQuery, type ApiOptions } from './callbacks'
import type { Shell } from './shell'

/** Builds the `my` object over `shell`. */
export function createMy(shell: Shell): Record<string, unknown> {
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
          return { ok: true, result: {} }
        } catch (error) {
          return { ok: false, result: { error: 1, errorMessage: (error as Error).message } }
        }
      })
  const ok = (api: string, options: ApiOptions | undefined, result: Record<string, unknown> = {}) =>
    answer(shell, api, options, () => Promise.resolve({ ok: true, result }))

  return {
    request(options: ApiOptions) {
      const controller = { aborted: false }
      answer(shell, 'request', options, async () => {
        const method = (text(options.method) || 'GET').toUpperCase()
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        for (const [key, value] of Object.entries(
          (options.headers as Record<string, unknown>) ?? {},
        ))
          headers[key.toLowerCase()] = String(value)
        const { query, body } = encodeRequestData(method, headers['content-type'], options.data)
        let response
        try {
          response = await shell.http({
            url: withQuery(String(options.url), query),
            method,
            headers,
            ...(body === undefined ? {} : { body }),
            timeoutMs: Number(options.timeout ?? 30_000),
          })
        } catch (error) {
          const timedOut = /timeout|aborted/i.test((error as Error).message)
          return {
            ok: false,
            result: timedOut
              ? { error: 13, errorMessage: '超时' }
              : { error: 12, errorMessage: '网络出错' },
          }
        }
        if (controller.aborted) return { ok: false, result: { error: 9, errorMessage: 'abort' } }
        let data: unknown = response.text
        if ((options.dataType ?? 'json') === 'json' && response.text !== '') {
          try {
            data = JSON.parse(response.text)
          } catch {
            return {
              ok: false,
              result: { error: 14, errorMessage: '解码失败', status: response.status },
            }
          }
        }
        if (response.status < 200 || response.status >= 300) {
          return {
            ok: false,
            result: {
              error: 19,
              errorMessage: 'http status error',
              status: response.status,
              data,
              headers: response.headers,
            },
          }
        }
        return { ok: true, result: { data, status: response.status, headers: response.headers } }
      })
      return { abort: () => (controller.aborted = true) }
    },
    getAuthCode(options: ApiOptions) {
      answer(shell, 'getAuthCode', options, async () => {
        try {
          const authCode = await shell.loginCode('alipay-miniprogram')
          return {
            ok: true,
            result: { authCode, authSuccessScopes: ['auth_base'], authErrorScopes: {} },
          }
        } catch (error) {
          return { ok: false, result: { error: 11, errorMessage: (error as Error).message } }
        }
      })
    },
    tradePay(options: ApiOptions) {
      answer(shell, 'tradePay', options, async () => {
        const plan = shell.nextPayment()
        const { status, body } = await shell.walletPay(text(options.tradeNO), plan.outcome)
        plan.beforeAnswer?.()
        // Alipay reports a refused trade as a resultCode too (4000: order payment failed).
        const resultCode = status !== 200 ? '4000' : (plan.resultCode ?? String(body.resultCode))
        return { ok: true, result: { resultCode, memo: '', result: '' } }
      })
    },
    setStorageSync(options: { key: string; data: unknown }) {
      shell.storage.set(String(options.key), JSON.stringify(options.data) ?? 'null')
      return shell.adopt({ success: true })
    },
    getStorageSync(options: { key: string }) {
      const stored = shell.storage.get(String(options.key))
      return shell.adopt({ data: stored === undefined ? null : (JSON.parse(stored) as unknown) })
    },
    removeStorageSync(options: { key: string }) {
      shell.storage.delete(String(options.key))
      return shell.adopt({ success: true })
    },
    clearStorageSync() {
      shell.storage.clear()
      return shell.adopt({ success: true })
    },
    setStorage(options: ApiOptions) {
      shell.storage.set(String(options.key), JSON.stringify(options.data) ?? 'null')
      ok('setStorage', options, { success: true })
    },
    getStorage(options: ApiOptions) {
      const stored = shell.storage.get(String(options.key))
      ok('getStorage', options, {
        data: stored === undefined ? null : (JSON.parse(stored) as unknown),
      })
    },
    removeStorage(options: ApiOptions) {
      shell.storage.delete(String(options.key))
      ok('removeStorage', options, { success: true })
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    navigateBack: nav('navigateBack'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    stopPullDownRefresh: (options?: ApiOptions) => ok('stopPullDownRefresh', options),
    showToast(options: ApiOptions) {
      shell.shown.push({ kind: 'toast', text: text(options.content) })
      ok('showToast', options)
    },
    hideToast: (options?: ApiOptions) => ok('hideToast', options),
    showLoading(options: ApiOptions) {
      shell.shown.push({ kind: 'loading', text: text(options.content) })
      ok('showLoading', options)
    },
    hideLoading: (options?: ApiOptions) => ok('hideLoading', options),
    confirm(options: ApiOptions) {
      shell.shown.push({
        kind: 'modal',
        text: `${text(options.title)} ${text(options.content)}`.trim(),
      })
      ok('confirm', options, { confirm: shell.nextModalAnswer() })
    },
    alert(options: ApiOptions) {
      shell.shown.push({
        kind: 'modal',
        text: `${text(options.title)} ${text(options.content)}`.trim(),
      })
      ok('alert', options)
    },
    setNavigationBar(options: ApiOptions) {
      shell.shown.push({ kind: 'title', text: text(options.title) })
      ok('setNavigationBar', options)
    },
    getSystemInfoSync: () =>
      shell.adopt({
        app: 'alipay',
        brand: 'iPhone',
        model: 'iPhone12,1',
        platform: 'iOS',
        system: '16.0',
        version: '10.5.0',
        SDKVersion: '2.9.0',
        pixelRatio: 3,
        screenWidth: 390,
        screenHeight: 844,
        windowWidth: 390,
        windowHeight: 844,
        statusBarHeight: 47,
        language: 'zh-Hans',
      }),
    canIUse: () => true,
    getLaunchOptionsSync: () =>
      shell.adopt({ path: 'pages/store/index', query: {}, scene: '1001' }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
  }
}
