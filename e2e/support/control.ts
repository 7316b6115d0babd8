/**
 * The test's side of the system: the simulator's control routes (faults, order view, wallet) and
 * the BFF's merchant API, reached over loopback exactly as an operator would.
 */
import { inject } from 'vitest'

import type { WalletOutcome, WalletPayResponse } from '@quickpay/contracts'

/** The simulator's view of one order. */
export interface SimOrderView {
  order_no: string
  status: string
  amount: number
  openid: string
  notifications: { at: string; status?: number; body?: string; error?: string }[]
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok)
    throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** Sets the simulator's fault modes (replacing any). */
export async function setFaults(faults: Record<string, unknown>): Promise<void> {
  await json(
    await fetch(`${inject('simulatorUrl')}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    }),
  )
}

/** Clears every fault mode. */
export async function clearFaults(): Promise<void> {
  const response = await fetch(`${inject('simulatorUrl')}/__sim/faults`, { method: 'DELETE' })
  if (!response.ok) throw new Error(`DELETE /__sim/faults answered ${response.status}`)
}

/** The simulator's view of an order. */
export async function simOrder(orderNo: string): Promise<SimOrderView> {
  return json(await fetch(`${inject('simulatorUrl')}/__sim/orders/${encodeURIComponent(orderNo)}`))
}

/** The simulator's call counters. */
export async function simStats(): Promise<{
  calls: Record<string, number>
  orders: Record<string, { jsapi_calls: number }>
}> {
  return json(await fetch(`${inject('simulatorUrl')}/__sim/stats`))
}

/** Pays through the simulated wallet as the order's own payer, as WeChat or Alipay would. */
export async function walletPay(
  orderNo: string,
  cloudpayParam: string,
  outcome: WalletOutcome,
): Promise<WalletPayResponse> {
  const order = await simOrder(orderNo)
  return json(
    await fetch(`${inject('simulatorUrl')}/__sim/wallet/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloudpay_param: cloudpayParam, payer: order.openid, outcome }),
    }),
  )
}

/** The merchant's view of one order, with its timeline. */
export async function adminOrder(orderNo: string): Promise<{
  order: { order_no: string; status: string; amount: number; payer: string }
  timeline: { kind: string; detail: Record<string, unknown> }[]
}> {
  return json(
    await fetch(`${inject('bffUrl')}/api/admin/orders/${encodeURIComponent(orderNo)}`, {
      headers: { authorization: `Bearer ${inject('adminToken')}` },
    }),
  )
}

/** The merchant's newest orders. */
export async function adminOrders(): Promise<
  { order_no: string; status: string; amount: number }[]
> {
  const body = await json<{ orders: { order_no: string; status: string; amount: number }[] }>(
    await fetch(`${inject('bffUrl')}/api/admin/orders`, {
      headers: { authorization: `Bearer ${inject('adminToken')}` },
    }),
  )
  return body.orders
}

/** The merchant refunds `amount` fen of a paid order through the admin API (as the console does). */
export async function adminRefund(
  orderNo: string,
  amount: number,
): Promise<{ refund: { status: string; amount: number } }> {
  return json(
    await fetch(`${inject('bffUrl')}/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${inject('adminToken')}`,
        'content-type': 'application/json',
        'idempotency-key': `e2e-refund-${orderNo}-${amount}`,
      },
      body: JSON.stringify({ amount, reason: '仅商家可见的备注' }),
    }),
  )
}
