import { describe, expect, it } from 'vitest'

import { loginInBrowser } from '../../src/platform/browser-login'
import { fakeBrowser, USER_AGENTS } from '../support/fake-browser'
import { storeConfig } from '../support/payments'

const PAGE = 'https://shop.example.com/pages/checkout/index?from=cart'

function authorizeTarget(url: string) {
  const [withoutHash, hash] = url.split('#')
  return { url: new URL(withoutHash ?? ''), hash }
}

describe('H5 login inside WeChat', () => {
  it('redirects to the snsapi_base authorize URL with the encoded page and a remembered state', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.wechat)
    await expect(loginInBrowser(browser.win, storeConfig(false))).resolves.toEqual({
      kind: 'redirect',
    })
    expect(browser.replaced).toHaveLength(1)
    const raw = browser.replaced[0] ?? ''
    expect(raw).toContain(`redirect_uri=${encodeURIComponent(PAGE)}`)
    const { url, hash } = authorizeTarget(raw)
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4010/connect/oauth2/authorize')
    expect([...url.searchParams.keys()]).toEqual([
      'appid',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
    ])
    expect(url.searchParams.get('appid')).toBe('wx0000000000000002')
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('scope')).toBe('snsapi_base')
    expect(hash).toBe('wechat_redirect')
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/)
    expect(browser.session.get('qp.oauth-state')).toBe(url.searchParams.get('state'))
  })

  it('on return exchanges the code as the official account and strips code and state from the URL', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.wechat)
    browser.session.set('qp.oauth-state', 'abc123')
    browser.win.location.href = `${PAGE}&code=071Code&state=abc123#wechat_redirect`
    await expect(loginInBrowser(browser.win, storeConfig(false))).resolves.toEqual({
      kind: 'code',
      request: { channel: 'wechat-official-account', code: '071Code' },
    })
    expect(browser.historyUrls).toEqual([PAGE])
    expect(browser.replaced).toEqual([])
    expect(browser.session.has('qp.oauth-state')).toBe(false)
  })

  it('refuses a code whose state does not match the one it sent', async () => {
    const browser = fakeBrowser(`${PAGE}&code=071Code&state=forged`, USER_AGENTS.wechat)
    browser.session.set('qp.oauth-state', 'abc123')
    await expect(loginInBrowser(browser.win, storeConfig(false))).rejects.toMatchObject({
      code: 'LOGIN_STATE_MISMATCH',
    })
    expect(browser.historyUrls).toEqual([PAGE])
  })
})

describe('H5 login inside Alipay', () => {
  it('redirects to the auth_base authorize URL with app_id', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.alipay)
    await loginInBrowser(browser.win, storeConfig(false))
    const url = new URL(browser.replaced[0] ?? '')
    expect(`${url.origin}${url.pathname}`).toBe(
      'http://127.0.0.1:4010/oauth2/publicAppAuthorize.htm',
    )
    expect(url.searchParams.get('app_id')).toBe('2021000000000001')
    expect(url.searchParams.get('scope')).toBe('auth_base')
    expect(url.searchParams.get('redirect_uri')).toBe(PAGE)
    expect(url.searchParams.get('state')).toBe(browser.session.get('qp.oauth-state'))
  })

  it('on return exchanges auth_code as the service window', async () => {
    const browser = fakeBrowser(
      `${PAGE}&auth_code=ac01&app_id=2021000000000001&state=s1`,
      USER_AGENTS.alipay,
    )
    browser.session.set('qp.oauth-state', 's1')
    await expect(loginInBrowser(browser.win, storeConfig(false))).resolves.toEqual({
      kind: 'code',
      request: { channel: 'alipay-service-window', code: 'ac01' },
    })
    expect(browser.historyUrls).toEqual([PAGE])
  })
})

describe('H5 login in a plain browser', () => {
  it('says to open the store in WeChat or Alipay when not in sandbox mode', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.browser)
    await expect(loginInBrowser(browser.win, storeConfig(false))).rejects.toMatchObject({
      code: 'UNSUPPORTED_BROWSER',
      message: '请在微信或支付宝中打开',
    })
    expect(browser.replaced).toEqual([])
  })

  it('logs in as the WeChat official account through the authorize redirect in sandbox mode', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.browser)
    await loginInBrowser(browser.win, storeConfig(true))
    expect(browser.replaced[0]).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/connect\/oauth2\/authorize\?appid=/,
    )
  })

  it('picks the Alipay service window when the tab landed with ?channel=alipay and the SPA moved on', async () => {
    const browser = fakeBrowser(PAGE, USER_AGENTS.browser)
    await loginInBrowser(
      browser.win,
      storeConfig(true),
      'https://shop.example.com/pages/store/index?channel=alipay',
    )
    expect(browser.replaced[0]).toMatch(/publicAppAuthorize\.htm\?app_id=/)
  })

  it('picks the Alipay service window with ?channel=alipay and remembers it for the tab', async () => {
    const browser = fakeBrowser(
      'https://shop.example.com/pages/store/index?channel=alipay',
      USER_AGENTS.browser,
    )
    await loginInBrowser(browser.win, storeConfig(true))
    expect(browser.replaced[0]).toMatch(/publicAppAuthorize\.htm\?app_id=/)
    browser.win.location.href = `${PAGE}&auth_code=ac02&state=${browser.session.get('qp.oauth-state') ?? ''}`
    await expect(loginInBrowser(browser.win, storeConfig(true))).resolves.toEqual({
      kind: 'code',
      request: { channel: 'alipay-service-window', code: 'ac02' },
    })
  })
})
