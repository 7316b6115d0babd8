/**
 * A shopper's steps in a running mini-program, by visible text through the pages' own handlers,
 * and the system's side of each check (the merchant API and the simulator), for the flows.
 */
import { expect } from 'vitest'

import type { MiniProgram } from './mini-program'

/** URLs and the admin token of the system a flow runs against. */
export interface SystemAccess {
  bffUrl: string
  simulatorUrl: string
  adminToken: string
}

/** 加入购物车 (first product) → 购物车 → 去结算: the checkout page with the catalogue loaded. */
export async function fillCartAndCheckout(mp: MiniProgram): Promise<void> {
  await mp.tap('加入购物车')
  await mp.waitFor('购物车 1')
  await mp.tap(/^购物车/)
  await mp.waitForRoute('pages/cart/index')
  await mp.tap('去结算')
  await mp.waitForRoute('pages/checkout/index')
  // The estimate shows once the catalogue answered (and the session is being made meanwhile).
  await mp.waitFor('#checkout-estimate')
  // …and the page's login finished: the session is in storage.
  await mp.waitUntil('the session is stored', () => mp.shell.storage.has('qp.session'))
}

/** 提交订单并支付, then the pay page: returns its order number. */
export async function submitOrder(mp: MiniProgram): Promise<string> {
  await mp.tap('提交订单并支付')
  await mp.waitForRoute('pages/pay/index', 30_000)
  const orderNo = mp.currentPage.query.order_no
  if (orderNo === undefined || orderNo === '')
    throw new Error('the pay page opened without order_no')
  return orderNo
}

/** The pay page's status line (`#order-status`). */
export function statusLine(mp: MiniProgram): string {
  return mp.find('#order-status')[0]?.text.trim() ?? ''
}

/** Waits until the pay page's status line says `text`. */
export async function waitForStatus(
  mp: MiniProgram,
  text: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (statusLine(mp) !== text) {
    mp.assertHealthy()
    if (Date.now() > deadline)
      throw new Error(
        `the status stayed "${statusLine(mp)}" instead of "${text}"; page: ${mp.pageText()}`,
      )
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The merchant's view of one order, with its timeline. */
export async function adminOrder(
  system: SystemAccess,
  orderNo: string,
): Promise<{
  order: { order_no: string; status: string; amount: number }
  timeline: { kind: string; detail: Record<string, unknown> }[]
}> {
  const response = await fetch(`${system.bffUrl}/api/admin/orders/${encodeURIComponent(orderNo)}`, {
    headers: { authorization: `Bearer ${system.adminToken}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Awaited<ReturnType<typeof adminOrder>>
}

/** The simulator's view of an order: its status and every wallet try. */
export async function simulatorOrder(
  system: SystemAccess,
  orderNo: string,
): Promise<{ status: string; amount: number; wallet_attempts: { outcome: string }[] }> {
  const response = await fetch(`${system.simulatorUrl}/__sim/orders/${encodeURIComponent(orderNo)}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Awaited<ReturnType<typeof simulatorOrder>>
}

/** How many JSAPIPay calls the simulator has answered so far. */
export async function jsapiPayCalls(system: SystemAccess): Promise<number> {
  const response = await fetch(`${system.simulatorUrl}/__sim/stats`)
  const stats = (await response.json()) as { calls: Record<string, number> }
  return stats.calls['QuickPay/JSAPIPay'] ?? 0
}

/** Which path moved the order to `paid` (`notification`, `query`, `reconciler`, …). */
export function paidBy(timeline: { kind: string; detail: Record<string, unknown> }[]): unknown {
  return timeline.find((event) => event.kind === 'transition' && event.detail.to === 'paid')?.detail
    .source
}
