import type { BrowserWindow } from './browser-window'
import { landingUrl } from './landing-url'
import { payInBrowser } from './pay-in-browser'
import { ensureLandedOnPayPage } from './pay-page-landing'
import type { EnsurePayLanding, PlatformPay } from './platform-types'

const browser = () => window as unknown as BrowserWindow

/** H5 payment (see pay-in-browser.ts). */
export const pay: PlatformPay = (input) => payInBrowser(browser(), input, landingUrl)

/** Reloads into the pay page unless the document landed there (see pay-page-landing.ts). */
export const ensurePayLanding: EnsurePayLanding = (payPageUrl) =>
  ensureLandedOnPayPage(browser(), landingUrl, payPageUrl)
