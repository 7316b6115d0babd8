import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, screenshot } from '../support/browser'
import { adminOrder, clearFaults, setFaults, simOrder, simStats } from '../support/control'
import {
  buy,
  newShopper,
  openStore,
  productSkus,
  waitForPhase,
  waitForStatus,
} from '../support/shopper'
import { installWalletBridge } from '../support/wallet-bridges'

let browser: Browser
let skus: string[]

beforeAll(async () => {
  browser = await launchBrowser()
  skus = await productSkus()
  expect(skus.length).toBeGreaterThanOrEqual(2)
})

afterAll(async () => {
  await browser.close()
})

afterEach(async () => {
  await clearFaults()
})

describe('the whole purchase in a real browser', () => {
  it('1. a shopper in a plain browser buys two products through the sandbox cashier and sees "paid" only after the BFF confirms', async () => {
    const shopper = await newShopper(browser, 'e2e-plain', 'browser')
    const { page } = shopper
    await openStore(page)
    await screenshot(page, '01-store')
    // Hold the notification back a little so the "confirming" state is observable.
    await setFaults({ notifications: { delay_ms: 2500 } })
    const orderNo = await buy(page, [skus[0]!, skus[1]!])
    await page.locator('#sandbox-cashier').waitFor()
    // Every cashier button is enabled and readable (Taro H5 once rendered disabled="false").
    for (const outcome of ['success', 'cancel', 'fail', 'unknown']) {
      const button = page.locator(`#sandbox-pay-${outcome}`)
      expect(await button.getAttribute('disabled')).toBeNull()
      expect((await button.innerText()).trim().length).toBeGreaterThan(0)
    }
    await screenshot(page, '02-sandbox-cashier')
    const before = await adminOrder(orderNo)
    expect(before.order.status).toBe('pending')
    expect(before.order.amount).toBeGreaterThan(0)

    await page.locator('#sandbox-pay-success').click()
    await waitForPhase(page, 'confirming', 10_000)
    expect(await page.locator('#order-status[data-status="paid"]').count()).toBe(0)
    await waitForStatus(page, 'paid')
    await screenshot(page, '03-paid')

    const after = await adminOrder(orderNo)
    expect(after.order.status).toBe('paid')
    const kinds = after.timeline.map((event) => event.kind)
    expect(kinds).toContain('client_claim')
    const paidBy = after.timeline.find(
      (event) => event.kind === 'transition' && event.detail.to === 'paid',
    )
    expect(paidBy).toBeDefined()
    // The paid transition comes after a Query that said SUCCESSED, never from the client's claim.
    const paidIndex = after.timeline.indexOf(paidBy!)
    expect(
      after.timeline
        .slice(0, paidIndex)
        .some((event) => event.kind === 'query' && event.detail.transaction_status === 'SUCCESSED'),
    ).toBe(true)
    expect((await simOrder(orderNo)).status).toBe('SUCCESSED')
    expect(await page.locator('#order-amount').textContent()).toContain(
      (after.order.amount / 100).toFixed(2),
    )
    await shopper.close()
  })

  it('2. the WeChat official account: OAuth through the authorize page, then WeixinJSBridge pays', async () => {
    const authorizeCalls = (await simStats()).calls['connect/oauth2/authorize'] ?? 0
    const shopper = await newShopper(browser, 'e2e-wechat', 'wechat')
    const { page } = shopper
    const bridge = await installWalletBridge(page, 'wechat', () => 'success')
    await openStore(page)
    const orderNo = await buy(page, [skus[2]!])
    // The store signed in through the (simulated) snsapi_base authorize page on the way.
    expect((await simStats()).calls['connect/oauth2/authorize']).toBe(authorizeCalls + 1)
    expect(page.url()).not.toMatch(/[?&]code=/)
    await waitForStatus(page, 'paid')
    await screenshot(page, '04-wechat-paid')
    expect(bridge.wechat).toHaveLength(1)
    expect(bridge.wechat[0]!.appId).toBe('wx0000000000000002')
    expect(bridge.wechat[0]!.package).toMatch(/^prepay_id=/)
    // The payment ran on the page the browser landed on (the iOS payment-directory rule).
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
    expect(new URL(page.url()).pathname).toBe('/pages/pay/index')
    expect((await adminOrder(orderNo)).order.status).toBe('paid')
    await shopper.close()
  })

  it('3. the Alipay service window: auth_base redirect, then AlipayJSBridge tradePay', async () => {
    const authorizeCalls = (await simStats()).calls['oauth2/publicAppAuthorize.htm'] ?? 0
    const shopper = await newShopper(browser, 'e2e-alipay', 'alipay')
    const { page } = shopper
    const bridge = await installWalletBridge(page, 'alipay', () => 'success')
    await openStore(page)
    const orderNo = await buy(page, [skus[3]!])
    expect((await simStats()).calls['oauth2/publicAppAuthorize.htm']).toBe(authorizeCalls + 1)
    expect(page.url()).not.toMatch(/[?&]auth_code=/)
    await waitForStatus(page, 'paid')
    await screenshot(page, '05-alipay-paid')
    expect(bridge.alipay).toHaveLength(1)
    expect(bridge.alipay[0]!.tradeNO).toMatch(/^\d+$/)
    const sim = await simOrder(orderNo)
    expect(sim.openid).toMatch(/^2088\d{12}$/)
    expect((await adminOrder(orderNo)).order.status).toBe('paid')
    await shopper.close()
  })

  it('4. cancel, then pay again on the same order', async () => {
    const shopper = await newShopper(browser, 'e2e-cancel', 'browser')
    const { page } = shopper
    await openStore(page)
    const orderNo = await buy(page, [skus[4]!])
    await page.locator('#sandbox-pay-cancel').click()
    await waitForPhase(page, 'cancelled', 10_000)
    await page.locator('#pay-again').waitFor()
    await screenshot(page, '06-cancelled')
    expect((await adminOrder(orderNo)).order.status).toBe('pending')

    await page.locator('#pay-again').click()
    await page.locator('#sandbox-pay-success').click()
    await waitForStatus(page, 'paid')
    expect(new URL(page.url()).searchParams.get('order_no')).toBe(orderNo)
    const stats = await simStats()
    expect(stats.orders[orderNo]?.jsapi_calls).toBe(1)
    const timeline = (await adminOrder(orderNo)).timeline
    expect(
      timeline
        .filter((event) => event.kind === 'client_claim')
        .map((event) => event.detail.outcome),
    ).toEqual(['cancelled', 'claimed_paid'])
    await shopper.close()
  })

  it('5. Alipay answers 6004 (unknown), then the notification confirms the payment', async () => {
    const shopper = await newShopper(browser, 'e2e-unknown', 'alipay')
    const { page } = shopper
    await installWalletBridge(page, 'alipay', () => 'unknown')
    await openStore(page)
    const orderNo = await buy(page, [skus[5]!])
    await waitForStatus(page, 'paid')
    const detail = await adminOrder(orderNo)
    const claims = detail.timeline.filter((event) => event.kind === 'client_claim')
    expect(claims.map((event) => event.detail.outcome)).toEqual(['unknown'])
    const paidBy = detail.timeline.find(
      (event) => event.kind === 'transition' && event.detail.to === 'paid',
    )
    expect(paidBy?.detail.source).toBe('notification')
    const sim = await simOrder(orderNo)
    expect(sim.notifications.some((attempt) => attempt.body?.trim() === 'SUCCESS')).toBe(true)
    await shopper.close()
  })

  it('6. every notification dropped, then the reconciler confirms the payment', async () => {
    await setFaults({ notifications: { drop: true } })
    const shopper = await newShopper(browser, 'e2e-dropped', 'browser')
    const { page } = shopper
    await openStore(page)
    const orderNo = await buy(page, [skus[6]!])
    await page.locator('#sandbox-pay-success').click()
    await waitForPhase(page, 'confirming', 10_000)
    // The shopper closes the page at once: no poll can settle the order, only the reconciler.
    await shopper.close()
    expect((await simOrder(orderNo)).status).toBe('SUCCESSED')

    let status = 'pending'
    for (let i = 0; i < 120 && status !== 'paid'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      status = (await adminOrder(orderNo)).order.status
    }
    expect(status).toBe('paid')
    const detail = await adminOrder(orderNo)
    const paidBy = detail.timeline.find(
      (event) => event.kind === 'transition' && event.detail.to === 'paid',
    )
    expect(paidBy?.detail.source).toBe('reconciler')
    expect(detail.timeline.some((event) => event.kind === 'notification')).toBe(false)
  })

  it('7. another shopper\'s order number typed into the URL shows "not found"', async () => {
    const alice = await newShopper(browser, 'e2e-alice', 'browser')
    await openStore(alice.page)
    const orderNo = await buy(alice.page, [skus[7]!])
    await alice.close()

    const bob = await newShopper(browser, 'e2e-bob', 'browser')
    await openStore(bob.page)
    await bob.page.goto(`${new URL(bob.page.url()).origin}/pages/order/index?order_no=${orderNo}`)
    await bob.page.locator('#not-found').waitFor({ timeout: 30_000 })
    await screenshot(bob.page, '07-not-found')
    expect(await bob.page.locator('#order-status').count()).toBe(0)
    expect((await adminOrder(orderNo)).order.status).toBe('pending')
    await bob.close()
  })
})
