import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchBrowser, screenshot } from '../support/browser'
import { adminOrder, simOrder } from '../support/control'
import { buy, newShopper, openStore, productSkus, waitForStatus } from '../support/shopper'

let browser: Browser
let merchant: BrowserContext
let page: Page
let orderNo: string
let amount: number
/** Render errors and unhandled rejections of the console page; none may happen. */
const pageErrors: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  // A shopper pays in the store through the sandbox cashier; the notification confirms it.
  const skus = await productSkus()
  const shopper = await newShopper(browser, 'e2e-console-shopper', 'browser')
  await openStore(shopper.page)
  orderNo = await buy(shopper.page, [skus[0]!, skus[1]!])
  await shopper.page.locator('#sandbox-pay-success').click()
  await waitForStatus(shopper.page, 'paid')
  await shopper.close()
  amount = (await adminOrder(orderNo)).order.amount
  merchant = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  page = await merchant.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`))
})

afterAll(async () => {
  expect(pageErrors).toEqual([])
  await merchant.close()
  await browser.close()
})

describe('the merchant console in a real browser', () => {
  it('refuses a wrong token, then logs in with the admin token into an HttpOnly cookie', async () => {
    await page.goto(`${inject('bffUrl')}/console/`)
    await page.waitForURL(/\/console\/login$/)
    await screenshot(page, 'console-01-login')
    await page.locator('input[type="password"]').fill('not-the-admin-token')
    await page.locator('button[type="submit"]').click()
    await page.getByText('令牌错误，请重新输入').waitFor()
    await screenshot(page, 'console-02-login-refused')
    expect(page.url()).toMatch(/\/console\/login$/)
    expect(await merchant.cookies()).toEqual([])

    await page.locator('input[type="password"]').fill(inject('adminToken'))
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/console\/orders$/)
    const cookies = await merchant.cookies()
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatchObject({
      name: 'qp_console',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/admin',
    })
    expect(cookies[0]!.expires).toBeGreaterThan(Date.now() / 1000)
    // The token itself is kept nowhere a script could read it.
    const stored = await page.evaluate(
      () => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie,
    )
    expect(stored).not.toContain(inject('adminToken'))
  })

  it('finds the order by its number in the list', async () => {
    await page.locator('input[aria-label="搜索订单号"]').fill(orderNo)
    await page.locator('input[aria-label="搜索订单号"]').press('Enter')
    await page.getByText('共 1 笔').waitFor()
    const row = page.locator('tr[data-row-key]')
    expect(await row.count()).toBe(1)
    expect(await row.first().getAttribute('data-row-key')).toBe(orderNo)
    expect(await row.first().innerText()).toContain(`¥${(amount / 100).toFixed(2)}`)
    expect(await row.first().innerText()).toContain('已支付')
    // Paged by cursor: one match, so the first page is the last and neither way is open.
    await page.getByText('第 1 页').waitFor()
    expect(await page.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true)
    await screenshot(page, 'console-03-orders')
  })

  it('shows the timeline with the notification and the Query that confirmed the payment', async () => {
    await page.locator(`a[href="/console/orders/${orderNo}"]`).click()
    await page.waitForURL(new RegExp(`/console/orders/${orderNo}$`))
    await page.locator('[data-kind="notification"]').first().waitFor()
    const query = page.locator('[data-kind="query"]').filter({ hasText: 'SUCCESSED' })
    expect(await query.count()).toBeGreaterThanOrEqual(1)
    const paid = page.locator('[data-kind="transition"]').filter({ hasText: '已支付' })
    expect(await paid.innerText()).toContain('由异步通知确认')
    // Each event opens to its stored details.
    await query.first().locator('summary').click()
    expect(await query.first().locator('pre').innerText()).toContain(
      '"transaction_status": "SUCCESSED"',
    )
    // The payer is masked.
    const openid = (await simOrder(orderNo)).openid
    expect(await page.locator('body').innerText()).not.toContain(openid)
    await screenshot(page, 'console-04-order-detail')
  })

  it('refunds part of the order once, even when the dialog is submitted twice', async () => {
    const refundPosts: { key: string; body: string }[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/orders/${orderNo}/refunds`))
        refundPosts.push({
          key: request.headers()['idempotency-key'] ?? '',
          body: request.postData() ?? '',
        })
    })
    await page.locator('#refund-button').click()
    const input = page.locator('input[aria-label="退款金额"]')
    await input.waitFor()
    expect(await input.inputValue()).toBe((amount / 100).toFixed(2))
    await input.fill('1.00')
    await page.locator('input[aria-label="退款原因"]').fill('缺货')
    await screenshot(page, 'console-05-refund-dialog')
    // Two clicks in the same task, before React re-renders the button as loading.
    await page.evaluate(() => {
      const ok = document.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary')
      ok?.click()
      ok?.click()
    })
    await page.locator('[data-testid="refunded-amount"]', { hasText: '¥1.00' }).waitFor()
    await page.locator('[data-kind="refunded"]').waitFor()
    expect(await page.locator('[data-kind="refund_requested"]').count()).toBe(1)
    // The second click sent nothing more.
    expect(refundPosts).toHaveLength(1)
    // The same request sent again from the page (a retry after a lost answer) finds the same refund.
    const again = await page.evaluate(
      async ({ path, post }) => {
        const response = await fetch(path, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            'Content-Type': 'application/json',
            'X-Console-Request': '1',
            'Idempotency-Key': post.key,
          },
          body: post.body,
        })
        return { status: response.status, body: (await response.json()) as unknown }
      },
      { path: `/api/admin/orders/${orderNo}/refunds`, post: refundPosts[0]! },
    )
    expect(again.status).toBe(201)
    expect(again.body).toMatchObject({ order: { refunded_amount: 100 } })
    const sim = (await simOrder(orderNo)) as Awaited<ReturnType<typeof simOrder>> & {
      refunds: { refund_amount: number }[]
    }
    expect(sim.refunds.map((refund) => refund.refund_amount)).toEqual([100])
    expect((await adminOrder(orderNo)).order.status).toBe('partially_refunded')
    await screenshot(page, 'console-06-refunded')
  })

  it('shows 待处理 and 概览 with its charts, and a narrow window', async () => {
    await page.goto(`${inject('bffUrl')}/console/review`)
    await page.getByText('核对后点「标记已处理」', { exact: false }).waitFor()
    await screenshot(page, 'console-07-review')
    await page.goto(`${inject('bffUrl')}/console/overview`)
    await page.getByText('近 7 日下单与支付').waitFor()
    await page.locator('canvas').first().waitFor()
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3)
    expect(await page.locator('body').innerText()).toContain('今日支付金额')
    // ECharts animates its first drawing for about a second.
    await page.waitForTimeout(1500)
    await screenshot(page, 'console-08-overview')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${inject('bffUrl')}/console/orders`)
    await page.locator('tr[data-row-key]').first().waitFor()
    await screenshot(page, 'console-09-orders-narrow')
  })

  it('shows 体检: the doctor’s lines for the running BFF, all passing against the demo', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${inject('bffUrl')}/console/doctor`)
    await page.locator('#doctor-summary').waitFor({ timeout: 20_000 })
    expect(await page.locator('#doctor-summary').innerText()).toContain('未发现配置问题')
    const rows = page.locator('tr[data-row-key]')
    expect(await rows.count()).toBeGreaterThanOrEqual(15)
    const notify = page.locator('tr[data-row-key="notify-url"]')
    expect(await notify.getAttribute('data-status')).toBe('ok')
    expect(await notify.innerText()).toContain('支付通知地址')
    expect(await notify.innerText()).toContain('✓ 正常')
    expect(await page.locator('tr[data-status="fail"]').count()).toBe(0)
    expect(await page.locator('body').innerText()).not.toContain(inject('adminToken'))
    await screenshot(page, 'console-10-doctor')
  })

  it('logs out: the session cookie no longer opens the merchant API', async () => {
    const [cookie] = await merchant.cookies()
    await page.getByRole('button', { name: /退出登录/ }).click()
    await page.waitForURL(/\/console\/login$/)
    const response = await fetch(`${inject('bffUrl')}/api/admin/orders`, {
      headers: { cookie: `qp_console=${cookie?.value ?? ''}` },
    })
    expect(response.status).toBe(401)
  })
})
