import type { StoreConfig } from '@quickpay/contracts'

import { StoreError } from '../errors/store-error'
import type { BrowserWindow } from './browser-window'

/** Where an H5 page runs: inside a wallet app, or in a plain browser using the sandbox. */
export type BrowserWallet =
  | { wallet: 'wechat'; sandbox: false }
  | { wallet: 'alipay'; sandbox: false }
  | { wallet: 'wechat' | 'alipay'; sandbox: true }

const SANDBOX_WALLET_KEY = 'qp.sandbox-wallet'

/**
 * Detects the H5 environment from the user agent. A plain browser is only served in sandbox
 * mode: as the WeChat official account, or as the Alipay service window once the page was opened
 * with `?channel=alipay` (remembered for the tab). Otherwise UNSUPPORTED_BROWSER.
 */
export function browserWallet(
  win: BrowserWindow,
  config: StoreConfig,
  landingUrl = '',
): BrowserWallet {
  const userAgent = win.navigator.userAgent
  if (/MicroMessenger/i.test(userAgent)) return { wallet: 'wechat', sandbox: false }
  if (/AlipayClient/i.test(userAgent)) return { wallet: 'alipay', sandbox: false }
  if (!config.sandbox) throw new StoreError('UNSUPPORTED_BROWSER')
  // The query may be on the URL the tab landed at (the SPA routes away from it) or the current one.
  const asked = [win.location.href, landingUrl]
    .filter((url) => url !== '')
    .map((url) => new URL(url).searchParams.get('channel'))
    .find((value) => value !== null)
  if (asked === 'alipay' || asked === 'wechat')
    win.sessionStorage.setItem(SANDBOX_WALLET_KEY, asked)
  const wallet = win.sessionStorage.getItem(SANDBOX_WALLET_KEY) === 'alipay' ? 'alipay' : 'wechat'
  return { wallet, sandbox: true }
}
