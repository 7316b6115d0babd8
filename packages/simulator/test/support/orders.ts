import type { Envelope, PayResultInfo, WalletPayResponse } from '@quickpay/contracts'

import { SIMULATOR_DEFAULTS, type RunningSimulator, type SimOrder } from '../../src'
import { getJson, postJson } from './http'

let counter = 0

/** A payer openid used by the order helpers. */
export const PAYER = 'oPayer000000000000000000001'

/** A fresh order number for each test. */
export function newOrderNo(): string {
  counter += 1
  return `T${Date.now()}${counter}`
}

/** Calls an aggregator route and returns the envelope. */
export async function callAggregator<T = PayResultInfo>(
  sim: RunningSimulator,
  route: string,
  body: unknown,
): Promise<Envelope<T>> {
  const { status, body: envelope } = await postJson<Envelope<T>>(`${sim.url}/${route}`, body)
  if (status !== 200) throw new Error(`${route} answered HTTP ${status}`)
  return envelope
}

/** Creates a WeChat (paytype 11) order through JSAPIPay and returns its answer data. */
export async function createWechatOrder(
  sim: RunningSimulator,
  overrides: Record<string, unknown> = {},
): Promise<PayResultInfo> {
  const envelope = await callAggregator(sim, 'QuickPay/JSAPIPay', {
    store_no: SIMULATOR_DEFAULTS.storeNo,
    paytype: 11,
    appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
    openid: PAYER,
    amount: 1000,
    order_no: newOrderNo(),
    ...overrides,
  })
  if (envelope.code !== 'SUCCESS' || !envelope.data) {
    throw new Error(`JSAPIPay failed: ${JSON.stringify(envelope)}`)
  }
  return envelope.data
}

/** Pays an order's cloudpay_param in the simulated wallet. */
export async function walletPay(
  sim: RunningSimulator,
  cloudpayParam: string | null | undefined,
  payer: string,
  outcome: 'success' | 'fail' | 'cancel' | 'unknown' = 'success',
): Promise<{ status: number; body: WalletPayResponse & { error?: string } }> {
  return postJson(`${sim.url}/__sim/wallet/pay`, {
    cloudpay_param: cloudpayParam,
    payer,
    outcome,
  })
}

/** The simulator's view of an order (`GET /__sim/orders/:order_no`). */
export async function orderView(sim: RunningSimulator, orderNo: string): Promise<SimOrder> {
  const { status, body } = await getJson<SimOrder>(`${sim.url}/__sim/orders/${orderNo}`)
  if (status !== 200) throw new Error(`order view answered HTTP ${status}`)
  return body
}
