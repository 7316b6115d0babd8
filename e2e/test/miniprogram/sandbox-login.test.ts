import { randomUUID } from 'node:crypto'

import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { ensureMiniBuild } from '../../support/miniprogram/mini-build'
import { MiniProgram } from '../../support/miniprogram/mini-program'
import type { Platform } from '../../support/miniprogram/platform'
import type { LoginMode } from '../../support/miniprogram/shell'
import {
  adminOrder,
  fillCartAndCheckout,
  submitOrder,
  waitForStatus,
  type SystemAccess,
} from '../../support/miniprogram/shopper-steps'
import { ROOT } from '../../support/started-system'

// The IDE path: `pnpm start` (sandbox mode, started once by support/global-setup.ts) and a
// platform whose login hands out codes the simulator never minted (WeChat DevTools, the Alipay
// IDE) or fails. The store falls back to POST /api/sandbox/sessions and pays at the sandbox cashier.
let system: SystemAccess
const dist: Partial<Record<Platform, string>> = {}
const running: MiniProgram[] = []

beforeAll(async () => {
  dist.weapp = await ensureMiniBuild(ROOT, 'weapp')
  dist.alipay = await ensureMiniBuild(ROOT, 'alipay')
  system = {
    bffUrl: inject('bffUrl'),
    simulatorUrl: inject('simulatorUrl'),
    adminToken: inject('adminToken'),
  }
})

afterEach(() => {
  for (const mp of running.splice(0)) mp.close()
})

const cases: [Platform, LoginMode][] = [
  ['weapp', 'foreign'],
  ['alipay', 'foreign'],
  ['weapp', 'fail'],
  ['alipay', 'fail'],
]

describe('sandbox login for the IDEs', () => {
  it.each(cases)(
    '%s with a %s login still buys through the sandbox cashier',
    async (platform, mode) => {
      const mp = await MiniProgram.launch({
        platform,
        distDir: dist[platform]!,
        bffUrl: system.bffUrl,
        simulatorUrl: system.simulatorUrl,
        user: `ide-${randomUUID().slice(0, 8)}`,
      })
      running.push(mp)
      mp.loginMode = mode
      await fillCartAndCheckout(mp)
      const posts = mp.shell.calls
        .filter((call) => call.api === 'request' && call.options.method === 'POST')
        .map((call) => String(call.options.url).replace(/^https?:\/\/[^/]+/, ''))
      expect(posts).toContain('/api/sandbox/sessions')
      // A foreign code is tried first (and refused); a failed platform login goes straight there.
      expect(posts.includes('/api/sessions')).toBe(mode === 'foreign')

      const orderNo = await submitOrder(mp)
      await mp.tap('支付成功', { timeoutMs: 20_000 })
      await waitForStatus(mp, '支付成功')
      expect((await adminOrder(system, orderNo)).order.status).toBe('paid')
      // The sandbox never opens the real wallet.
      expect(
        mp.shell.calls.some((call) => call.api === 'requestPayment' || call.api === 'tradePay'),
      ).toBe(false)
      mp.assertHealthy()
    },
  )
})
