import type { BrowserWindow } from './browser-window'

/**
 * iOS WeChat checks the official account's payment directory against the URL the document first
 * loaded, not the single-page app's current route. When the document did not land on the pay
 * page, reload into it with `location.replace` (no extra history entry) and return false; the
 * reloaded page pays. `landingUrl` is `location.href` captured when the bundle first ran.
 */
export function ensureLandedOnPayPage(
  win: BrowserWindow,
  landingUrl: string,
  payPageUrl: string,
): boolean {
  const landed = new URL(landingUrl)
  const target = new URL(payPageUrl, landed)
  if (landed.pathname === target.pathname) return true
  win.location.replace(target.toString())
  return false
}
