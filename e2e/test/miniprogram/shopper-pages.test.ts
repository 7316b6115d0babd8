import { randomUUID } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import type { MiniProgram } from '../../support/miniprogram/mini-program'
import { miniProgramSuite } from '../../support/miniprogram/mini-program-suite'
import { startPaymentSystem } from '../../support/miniprogram/payment-system'
import {
  adminOrder,
  fillCartAndCheckout,
  submitOrder,
  waitForStatus,
} from '../../support/miniprogram/shopper-steps'

// Issue #17 in the built bundles: the countdown reaching zero closes the order on screen, the
// tabs of 我的订单 filter on the BFF, pulling down refreshes, and the merchant's refund shows on
// the order page. Orders live 12 s here.
const suite = miniProgramSuite(() =>
  startPaymentSystem({
    extraEnv: {
      ORDER_TTL_SECONDS: '12',
      RECONCILE_AFTER_SECONDS: '4',
      RECONCILE_INTERVAL_MS: '1000',
    },
  }),
)

/** 加入购物车 → … → 提交订单并支付 with the wallet doing `outcome`; answers the order number. */
async function buy(mp: MiniProgram, outcome: 'success' | 'cancel'): Promise<string> {
  mp.planPayments({ outcome })
  await fillCartAndCheckout(mp)
  const orderNo = await submitOrder(mp)
  await waitForStatus(mp, outcome === 'success' ? '支付成功' : '支付已取消')
  return orderNo
}

async function backToStore(mp: MiniProgram): Promise<void> {
  await mp.tap('继续购物')
  await mp.waitForRoute('pages/store/index')
}

/** Waits until the list shows every order of `shown` and none of `hidden` (fails otherwise). */
async function listShows(mp: MiniProgram, shown: string[], hidden: string[]): Promise<void> {
  const listed = (orderNo: string) => mp.find(`#order-${orderNo}`).length === 1
  await mp.waitUntil(
    `the list shows ${shown.join(', ')} and not ${hidden.join(', ')}`,
    () => shown.every(listed) && !hidden.some(listed),
  )
}

describe.each(['weapp', 'alipay'] as const)('the %s mini-program’s order pages', (platform) => {
  it('counts down to 订单已关闭, filters the tabs, refreshes on pull-down and shows the merchant’s refund', async () => {
    const mp = await suite.launch(platform, `mini-pages-${platform}-${randomUUID().slice(0, 8)}`)

    const paid = await buy(mp, 'success')
    await backToStore(mp)
    const refunded = await buy(mp, 'success')
    const refund = await fetch(`${suite.system.bffUrl}/api/admin/orders/${refunded}/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${suite.system.adminToken}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ amount: 100 }),
    })
    expect(refund.status).toBe(201)
    await backToStore(mp)

    // The wallet sheet is cancelled: the pay page counts down from the BFF's seconds, and at zero
    // shows what the BFF decides (closed by the reconciler), with no way left to pay.
    const expiring = await buy(mp, 'cancel')
    await mp.waitFor(/^剩余支付时间 00:(0\d|1[0-2])$/)
    await waitForStatus(mp, '订单已关闭', 30_000)
    expect(mp.find('重新支付')).toHaveLength(0)
    expect(mp.find('#expiry-countdown')).toHaveLength(0)
    expect((await adminOrder(suite.system, expiring)).order.status).toBe('closed')

    await mp.tap('查看我的订单')
    await mp.waitForRoute('pages/orders/index')
    await listShows(mp, [expiring, refunded, paid], [])
    await mp.tap('#tab-paid')
    await listShows(mp, [paid], [refunded, expiring])
    await mp.tap('#tab-refund')
    await listShows(mp, [refunded], [paid, expiring])
    await mp.tap('#tab-pending')
    await mp.waitFor('没有这类订单')

    const stops = () => mp.shell.calls.filter((call) => call.api === 'stopPullDownRefresh').length
    expect(mp.pullDown()).toBe(true)
    await mp.waitUntil('the pull-down refresh ends', () => stops() === 1)

    await mp.tap('#tab-refund')
    await listShows(mp, [refunded], [paid, expiring])
    await mp.tap(`#order-${refunded}`)
    await mp.waitForRoute('pages/order/index')
    await mp.waitFor('#order-refunds')
    expect(mp.find('#refunded-amount')[0]?.text.trim()).toBe('¥1.00')
    expect(mp.find(/^已退款 ¥1\.00$/)).toHaveLength(1)
    expect(mp.find('#order-status')[0]?.text.trim()).toBe('已部分退款')
    expect(mp.find('#order-paid')[0]?.text.trim()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    mp.assertHealthy()
  })
})
