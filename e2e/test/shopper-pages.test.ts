import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, screenshot, settled } from '../support/browser'
import { adminOrder, adminRefund } from '../support/control'
import { wrappedControls } from '../support/layout-checks'
import { startPaymentSystem } from '../support/miniprogram/payment-system'
import { buy, newShopper, openStore, productSkus, waitForStatus } from '../support/shopper'

// Issue #17: the shopper's pages as Chinese shoppers expect them — time left to pay, order
// history with tabs, refunds shown, real pictures, titles, nothing wrapped at 320 px.

let browser: Browser
let skus: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  skus = await productSkus()
})

afterAll(async () => {
  await browser.close()
})

/** Pays the order on the pay page through the sandbox cashier and waits for 支付成功. */
async function payAtCashier(page: Page): Promise<void> {
  await page.locator('#sandbox-pay-success').click()
  await waitForStatus(page, 'paid')
}

/** The order numbers the orders page lists, in order. */
async function listed(page: Page): Promise<string[]> {
  await page.locator('#order-list[data-loading="false"]').waitFor()
  const ids = await page
    .locator('#order-list .order-item')
    .evaluateAll((items) => items.map((item) => item.id))
  return ids.map((id) => id.replace(/^order-/, ''))
}

async function openTab(page: Page, tab: string): Promise<string[]> {
  await page.locator(`#tab-${tab}`).click()
  await page.locator(`#order-list[data-tab="${tab}"][data-loading="false"]`).waitFor()
  return listed(page)
}

describe('the shopper’s pages', () => {
  it.each([320, 390])(
    'every page at %i px: a title, real pictures, no wrapped button, a countdown on the pay and order pages',
    async (width) => {
      const shopper = await newShopper(browser, `e2e-pages-${width}`, 'browser', { width })
      const { page } = shopper
      const titles: Record<string, string> = {}
      const check = async (name: string) => {
        await settled(page)
        titles[name] = await page.title()
        expect(await wrappedControls(page), `${name} at ${width} px`).toEqual([])
        // Nothing is wider than the screen. Polled: while Taro's H5 router slides the new page in,
        // the old and the new page stand side by side for a moment (seen once: 628 px at 320).
        await expect
          .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {
            message: `${name} at ${width} px is wider than the screen`,
          })
          .toBe(width)
        await screenshot(page, `shopper-${name}-${width}`)
      }
      await openStore(page)
      // The first pictures are decoded PNGs (not empty boxes); the rest load lazily.
      const first = page.locator('.product-image img').first()
      await expect
        .poll(() => first.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBe(320)
      expect(await first.getAttribute('loading')).toBe('lazy')
      // Two cards side by side at every width, each about half the row, its picture square.
      const cards = page.locator('#product-list > [id^="product-"]')
      const [left, right] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()]
      expect(right?.y).toBe(left?.y)
      expect(left?.width).toBeGreaterThan(width * 0.4)
      const picture = await page.locator('.product-image').first().boundingBox()
      expect(Math.abs((picture?.height ?? 0) - (picture?.width ?? 0))).toBeLessThan(2)
      await check('store')

      await page.locator(`#product-silk-scarf .add`).click()
      await page.locator(`#product-${skus[0]!} .add`).click()
      await page.locator('#go-cart').click()
      await page.locator('#cart-checkout').waitFor()
      await check('cart')
      await page.locator('#cart-checkout').click()
      await page.locator('#checkout-estimate').waitFor()
      await check('checkout')
      await page.locator('#pay-button').click()
      await page.locator('#sandbox-pay-cancel').click()
      await page.locator('#pay-again').waitFor()
      const countdown = page.locator('#expiry-countdown')
      await expect.poll(() => countdown.textContent()).toMatch(/^剩余支付时间 1[45]:\d\d$/)
      await check('pay')

      await page.locator('#view-orders').click()
      await page.locator('.order-item').first().waitFor()
      await check('orders')
      await page.locator('.order-item').first().click()
      await page.locator('#order-created').waitFor()
      expect(await page.locator('#order-created').textContent()).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
      )
      await expect.poll(() => countdown.textContent()).toMatch(/^剩余支付时间 1[45]:\d\d$/)
      await check('order')

      // Each page has its own document title (navigationBarTitleText on H5).
      expect(titles).toEqual({
        store: 'QuickPay 小店',
        cart: '购物车',
        checkout: '确认订单',
        pay: '支付',
        orders: '我的订单',
        order: '订单详情',
      })
      await shopper.close()
    },
  )

  it('filters 我的订单 by tab on the server, and shows the merchant’s refund on the order page', async () => {
    const shopper = await newShopper(browser, 'e2e-tabs', 'browser')
    const { page } = shopper
    await openStore(page)
    const paid = await buy(page, [skus[8]!])
    await payAtCashier(page)
    await openStore(page)
    const refunded = await buy(page, [skus[9]!])
    await payAtCashier(page)
    await openStore(page)
    const pending = await buy(page, [skus[10]!])
    await page.locator('#sandbox-pay-cancel').click()
    await page.locator('#pay-again').waitFor()

    const refund = await adminRefund(refunded, 1000)
    expect(refund.refund.status).toBe('refunded')
    expect((await adminOrder(refunded)).order.status).toBe('partially_refunded')

    await page.locator('#view-orders').click()
    expect(await listed(page)).toEqual([pending, refunded, paid])
    expect(await openTab(page, 'pending')).toEqual([pending])
    expect(await openTab(page, 'paid')).toEqual([paid])
    expect(await openTab(page, 'refund')).toEqual([refunded])
    await screenshot(page, 'shopper-orders-refund-tab')
    expect(await openTab(page, 'all')).toEqual([pending, refunded, paid])

    await page.locator(`#order-${refunded}`).click()
    await page.locator('#order-refunds').waitFor()
    expect(await page.locator('#refunded-amount').textContent()).toBe('¥10.00')
    const row = page.locator('#order-refunds .refund')
    expect(await row.getAttribute('data-refund-status')).toBe('refunded')
    expect(await row.innerText()).toMatch(/已退款 ¥10\.00\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
    expect(await page.locator('#order-status').textContent()).toBe('已部分退款')
    // The merchant's note stays the merchant's.
    expect(await page.content()).not.toContain('仅商家可见的备注')
    await screenshot(page, 'shopper-order-refunded')
    await shopper.close()
  })
})

describe('the boot screen', () => {
  it('is what the page shows before its scripts run, and is gone once the store is up', async () => {
    const noScripts = await browser.newContext({ javaScriptEnabled: false })
    const bare = await noScripts.newPage()
    await bare.goto(`${inject('bffUrl')}/`)
    expect(await bare.locator('.boot-screen').isVisible()).toBe(true)
    expect(await bare.locator('.boot-screen').innerText()).toBe('QuickPay 小店\n正在打开…')
    await noScripts.close()

    const shopper = await newShopper(browser, 'e2e-boot-screen', 'browser')
    await openStore(shopper.page)
    expect(await shopper.page.locator('.boot-screen').isHidden()).toBe(true)
    expect(await shopper.page.locator('[id^="product-"]').first().isVisible()).toBe(true)
    await shopper.close()
  })
})

describe('the store’s files', () => {
  it('arrive precompressed to a browser that accepts it: the page and every script it names', async () => {
    const base = inject('bffUrl')
    const page = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(page.headers.get('content-encoding')).toBe('br')
    const html = await page.text()
    const scripts = [...html.matchAll(/src="(\/js\/[^"]+\.js)"/g)].map((match) => match[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      const gzip = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } })
      expect(gzip.headers.get('content-encoding'), script).toBe('gzip')
      expect(gzip.headers.get('vary'), script).toContain('Accept-Encoding')
      await gzip.arrayBuffer()
    }
  })

  it('names the first page’s own chunks for preloading, and each one is served', async () => {
    const html = await (await fetch(`${inject('bffUrl')}/`)).text()
    const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="(script|style)">/g)]
    expect(preloads.map((match) => match[2]).sort()).toContain('script')
    for (const [, href] of preloads) {
      const file = await fetch(`${inject('bffUrl')}${href}`)
      expect(file.status, href).toBe(200)
      await file.arrayBuffer()
    }
    // What the store page loads after the app's scripts is what was preloaded: nothing more.
    const shopper = await newShopper(browser, 'e2e-preload', 'browser')
    const requested: string[] = []
    shopper.page.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (/^\/(js|css)\//.test(path)) requested.push(path)
    })
    await openStore(shopper.page)
    const initial = [...html.matchAll(/(?:src|href)="(\/(?:js|css)\/[^"]+)"/g)].map(
      (match) => match[1],
    )
    expect(requested.filter((path) => !initial.includes(path))).toEqual([])
    await shopper.close()
  })
})

describe('the time left to pay, with orders that expire after 15 s', () => {
  it('counts down on the pay and order pages and turns both to closed at zero without a reload', async () => {
    const system = await startPaymentSystem({
      sandbox: true,
      // The reconciler's first Query 5 s after checkout, then one at expiry, which closes it.
      extraEnv: {
        ORDER_TTL_SECONDS: '15',
        RECONCILE_AFTER_SECONDS: '5',
        RECONCILE_INTERVAL_MS: '1000',
      },
    })
    try {
      const shopper = await newShopper(browser, 'e2e-expiry', 'browser', {
        simulatorUrl: system.simulatorUrl,
      })
      const { page } = shopper
      await openStore(page, '', system.bffUrl)
      const orderNo = await buy(page, [skus[11]!])
      await page.locator('#sandbox-pay-cancel').click()
      await page.locator('#pay-again').waitFor()
      const detail = await shopper.context.newPage()
      await detail.goto(`${system.bffUrl}/pages/order/index?order_no=${orderNo}`)
      const seconds = async (on: Page) =>
        Number(await on.locator('#expiry-countdown').getAttribute('data-seconds'))
      await detail.locator('#expiry-countdown').waitFor()
      const start = await seconds(page)
      expect(start).toBeGreaterThan(0)
      expect(start).toBeLessThanOrEqual(15)
      await expect.poll(() => seconds(page), { timeout: 5000 }).toBeLessThan(start)

      // No reload: the same documents turn to closed when the BFF says so.
      const navigations = () =>
        page.evaluate(() => performance.getEntriesByType('navigation').length)
      const before = await navigations()
      await waitForStatus(page, 'closed', 30_000)
      await waitForStatus(detail, 'closed', 30_000)
      expect(await navigations()).toBe(before)
      expect(await page.locator('#order-status').textContent()).toBe('订单已关闭')
      expect(await detail.locator('#order-status').textContent()).toBe('订单已关闭')
      expect(await page.locator('#expiry-countdown').count()).toBe(0)
      expect(await page.locator('#pay-again').count()).toBe(0)
      expect(await detail.locator('#pay-order').count()).toBe(0)
      await screenshot(page, 'shopper-pay-expired')
      await screenshot(detail, 'shopper-order-expired')

      // The BFF closed it (the reconciler, after its Query said unpaid), not the page.
      const answer = await fetch(`${system.bffUrl}/api/admin/orders/${orderNo}`, {
        headers: { authorization: `Bearer ${system.adminToken}` },
      })
      const body = (await answer.json()) as {
        order: { status: string }
        timeline: { kind: string; detail: Record<string, unknown> }[]
      }
      expect(body.order.status).toBe('closed')
      const closedBy = body.timeline.find(
        (event) => event.kind === 'transition' && event.detail.to === 'closed',
      )
      expect(closedBy?.detail).toMatchObject({ source: 'reconciler', reason: 'expired' })
      await shopper.close()
    } finally {
      await system.stop()
    }
  })
})
