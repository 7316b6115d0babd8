import type { RunningSimulator, SimulatorOptions } from '@quickpay/simulator'
import { SIMULATOR_DEFAULTS, startSimulator } from '@quickpay/simulator'

import type { LiankeClient, LiankeClientOptions } from '../../src/index'
import { createLiankeClient } from '../../src/index'

/** The simulator's call counters (`GET /__sim/stats`). */
export interface SimStats {
  calls: Record<string, number | undefined>
  orders: Record<string, { jsapi_calls: number } | undefined>
}

/** A simulator started in-process on port 0 plus the control calls the tests need. */
export interface SimHarness {
  sim: RunningSimulator
  url: string
  client(options?: Partial<LiankeClientOptions>): LiankeClient
  setFaults(faults: Record<string, unknown>): Promise<void>
  clearFaults(): Promise<void>
  stats(): Promise<SimStats>
  calls(route: string): Promise<number>
  order(orderNo: string): Promise<{ status: number; body: unknown }>
  pay(cloudpayParam: string, payer: string): Promise<void>
  close(): Promise<void>
}

async function control(url: string, method: string, body?: unknown): Promise<Response> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok && response.status !== 404) {
    throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`)
  }
  return response
}

/** Starts the simulator and returns its harness; close it in afterAll. */
export async function startHarness(options: SimulatorOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator(options)
  const { url } = sim
  return {
    sim,
    url,
    client: (overrides = {}) =>
      createLiankeClient({
        baseUrl: url,
        storeNo: SIMULATOR_DEFAULTS.storeNo,
        timeoutMs: 2000,
        retry: { baseDelayMs: 20, maxDelayMs: 100 },
        ...overrides,
      }),
    setFaults: async (faults) => {
      await control(`${url}/__sim/faults`, 'PUT', faults)
    },
    clearFaults: async () => {
      await control(`${url}/__sim/faults`, 'DELETE')
    },
    stats: async () => (await (await control(`${url}/__sim/stats`, 'GET')).json()) as SimStats,
    calls: async (route) => {
      const stats = (await (await control(`${url}/__sim/stats`, 'GET')).json()) as SimStats
      return stats.calls[route] ?? 0
    },
    order: async (orderNo) => {
      const response = await control(`${url}/__sim/orders/${encodeURIComponent(orderNo)}`, 'GET')
      return { status: response.status, body: await response.json() }
    },
    pay: async (cloudpayParam, payer) => {
      await control(`${url}/__sim/wallet/pay`, 'POST', {
        cloudpay_param: cloudpayParam,
        payer,
        outcome: 'success',
      })
    },
    close: () => sim.close(),
  }
}

let sequence = 0

/** A fresh order number (well under 32 characters) so tests never collide. */
export function freshOrderNo(prefix = 'T'): string {
  sequence += 1
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${sequence}`
}

/** A WeChat-looking openid (o + 27 characters). */
export const WECHAT_OPENID = 'oSIMtestUser0000000000000001'

/** A valid JSAPIPay request for the simulator's default store, minus the order number. */
export function wechatOrder(orderNo: string, amount = 100) {
  return {
    paytype: 11 as const,
    appid: SIMULATOR_DEFAULTS.wechatMiniprogram.appid,
    openid: WECHAT_OPENID,
    amount,
    order_no: orderNo,
    iteminfo: 'test goods',
  }
}
