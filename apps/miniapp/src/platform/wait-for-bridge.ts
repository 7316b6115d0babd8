import { StoreError } from '../errors/store-error'
import type { BrowserWindow } from './browser-window'

/**
 * Resolves with a wallet's JS bridge: at once when the page already has it, otherwise on the
 * bridge's ready event (`WeixinJSBridgeReady`, `AlipayJSBridgeReady`) on `document`; rejects
 * with BRIDGE_TIMEOUT when neither happens in time (the page is not inside that wallet).
 */
export function waitForBridge<K extends 'WeixinJSBridge' | 'AlipayJSBridge'>(
  win: BrowserWindow,
  name: K,
  timeoutMs = 10_000,
): Promise<NonNullable<BrowserWindow[K]>> {
  const present = win[name]
  if (present !== undefined) return Promise.resolve(present as NonNullable<BrowserWindow[K]>)
  const eventName = `${name}Ready`
  return new Promise((resolve, reject) => {
    const onReady = () => {
      const bridge = win[name]
      if (bridge === undefined) return
      win.clearTimeout(timer)
      win.document.removeEventListener(eventName, onReady, false)
      resolve(bridge)
    }
    const timer = win.setTimeout(() => {
      win.document.removeEventListener(eventName, onReady, false)
      reject(new StoreError('BRIDGE_TIMEOUT'))
    }, timeoutMs)
    win.document.addEventListener(eventName, onReady, false)
  })
}
