import type { StoreConfig } from '@quickpay/contracts'

import { StoreError } from '../errors/store-error'
import { randomId } from '../lib/random-id'
import { browserWallet } from './browser-wallet'
import type { BrowserWindow } from './browser-window'
import type { LoginResult } from './platform-types'

const STATE_KEY = 'qp.oauth-state'

/** Query parameters the authorize pages add on the way back; removed once read. */
const RETURN_PARAMS = ['code', 'auth_code', 'state', 'app_id', 'scope', 'source']

/**
 * H5 login through the wallet's OAuth redirect (snsapi_base / auth_base). With a code and the
 * expected state in the URL it returns the code and strips those parameters from the address
 * bar; otherwise it remembers a fresh state and leaves for the authorize page ({ kind: 'redirect' }).
 */
export function loginInBrowser(
  win: BrowserWindow,
  config: StoreConfig,
  landingUrl = '',
): Promise<LoginResult> {
  // Settles asynchronously so an unsupported browser is a rejection, not a synchronous throw.
  return Promise.resolve().then(() => loginNow(win, config, landingUrl))
}

function loginNow(win: BrowserWindow, config: StoreConfig, landingUrl: string): LoginResult {
  const { wallet } = browserWallet(win, config, landingUrl)
  const url = new URL(win.location.href)
  const code = url.searchParams.get(wallet === 'wechat' ? 'code' : 'auth_code')
  const returnedState = url.searchParams.get('state')
  const expectedState = win.sessionStorage.getItem(STATE_KEY)
  for (const name of RETURN_PARAMS) url.searchParams.delete(name)
  // The browser carries WeChat's #wechat_redirect fragment through the redirect back to us.
  if (url.hash === '#wechat_redirect') url.hash = ''
  const cleanUrl = url.toString()

  if (code !== null && code !== '') {
    win.sessionStorage.removeItem(STATE_KEY)
    win.history.replaceState(win.history.state, '', cleanUrl)
    if (expectedState === null || returnedState !== expectedState) {
      throw new StoreError('LOGIN_STATE_MISMATCH')
    }
    const channel = wallet === 'wechat' ? 'wechat-official-account' : 'alipay-service-window'
    return { kind: 'code', request: { channel, code } }
  }

  const state = randomId(16)
  win.sessionStorage.setItem(STATE_KEY, state)
  win.location.replace(authorizeUrl(wallet, config, cleanUrl, state))
  return { kind: 'redirect' }
}

function authorizeUrl(
  wallet: 'wechat' | 'alipay',
  config: StoreConfig,
  redirectUri: string,
  state: string,
): string {
  const redirect = encodeURIComponent(redirectUri)
  if (wallet === 'wechat') {
    const base = config.wechat.authorize_url
    // WeChat reads these in this order and wants the #wechat_redirect fragment.
    return `${base}${base.includes('?') ? '&' : '?'}appid=${encodeURIComponent(config.wechat.official_account_appid)}&redirect_uri=${redirect}&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`
  }
  const base = config.alipay.authorize_url
  return `${base}${base.includes('?') ? '&' : '?'}app_id=${encodeURIComponent(config.alipay.appid)}&scope=auth_base&redirect_uri=${redirect}&state=${state}`
}
