/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
 * machine needs, and screenshots saved to the git-ignored artifacts folder.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { chromium, type Browser, type Page } from 'playwright-core'

import { ROOT } from './started-system'

/** Where screenshots go (ignored by git). */
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e')

/** The user agents of WeChat's and Alipay's in-app browsers (what the store sniffs). */
export const USER_AGENTS = {
  wechat:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322b) NetType/WIFI Language/zh_CN',
  alipay:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(0) Nebula WK AlipayDefined(nt:WIFI,ws:390|844|3.0) AliApp(AP/10.6.0.6000) AlipayClient/10.6.0.6000 Language/zh-Hans',
  browser:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
} as const

/** Launches headless Chromium from Debian. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * Waits until the page's finite animations have finished (Taro's H5 router slides a page in from
 * the side, which widens the document while it runs).
 */
export async function settled(page: Page): Promise<void> {
  // Endless ones (spinners) never finish and change no layout: only finite ones are waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().iterations === Infinity,
      ),
  )
}

/** Saves a full-page screenshot under artifacts/e2e/<name>.png, once animations have settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await settled(page)
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
}
