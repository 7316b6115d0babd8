/**
 * A shopper: one browser context (its own cookies and storage, so its own session) with a
 * simulated WeChat / Alipay identity chosen through the simulator's `sim_user` cookie, a user
 * agent for the channel, and the steps a person takes in the store.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect, inject } from 'vitest'

import { USER_AGENTS } from './browser'

/** A shopper's browser and page. */
export interface Shopper {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/**
 * Opens a fresh browser context for `user` with the user agent of `where`, 390 px wide unless
 * `options.width` says otherwise, against the shared system unless `options.simulatorUrl` names
 * another one.
 */
export async function newShopper(
  browser: Browser,
  user: string,
  where: keyof typeof USER_AGENTS,
  options: { width?: number; simulatorUrl?: string } = {},
): Promise<Shopper> {
  const context = await browser.newContext({
    userAgent: USER_AGENTS[where],
    viewport: { width: options.width ?? 390, height: 844 },
    locale: 'zh-CN',
  })
  const simulatorUrl = options.simulatorUrl ?? inject('simulatorUrl')
  await context.addCookies([{ name: 'sim_user', value: user, url: simulatorUrl }])
  const page = await context.newPage()
  return { context, page, close: () => context.close() }
}

/** The catalogue's skus, from the BFF. */
export async function productSkus(): Promise<string[]> {
  const response = await fetch(`${inject('bffUrl')}/api/products`)
  const body = (await response.json()) as { products: { sku: string }[] }
  return body.products.map((product) => product.sku)
}

/** Opens the store (with an optional query such as `?channel=alipay`) and waits for the catalogue. */
export async function openStore(page: Page, query = '', bffUrl = inject('bffUrl')): Promise<void> {
  await page.goto(`${bffUrl}/${query}`)
  await page.locator('[id^="product-"] .add').first().waitFor({ timeout: 30_000 })
}

/** Adds the given products to the cart, goes through checkout and submits the order; answers its order_no. */
export async function buy(page: Page, skus: string[]): Promise<string> {
  for (const sku of skus) await page.locator(`#product-${sku} .add`).click()
  await page.locator('#go-cart').click()
  await page.locator('#cart-checkout').click()
  await page.locator('#checkout-estimate').waitFor()
  await page.locator('#pay-button').click()
  await page.waitForURL(/\/pages\/pay\/index\?.*order_no=/, { timeout: 30_000 })
  const orderNo = new URL(page.url()).searchParams.get('order_no')
  expect(orderNo).toMatch(/^[A-Za-z0-9]{1,32}$/)
  return orderNo ?? ''
}

/** Waits until the page's `#order-status` shows the BFF status `status`. */
export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.locator(`#order-status[data-status="${status}"]`).waitFor({ timeout })
}

/** Waits until the pay page reaches `phase` (confirming, paid, cancelled, …). */
export async function waitForPhase(page: Page, phase: string, timeout = 60_000): Promise<void> {
  await page.locator(`#order-status[data-phase="${phase}"]`).waitFor({ timeout })
}
