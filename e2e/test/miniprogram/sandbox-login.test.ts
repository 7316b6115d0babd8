import { randomUUID } from 'node:crypto'

import { describe, expect, inject, it } from 'vitest'

import { miniProgramSuite } from '../../support/miniprogram/mini-program-suite'
import type { Platform } from '../../support/miniprogram/platform'
import type { LoginMode } from '../../support/miniprogram/shell'
import {
  adminOrder,
  fillCartAndCheckout,
  submitOrder,
  waitForStatus,
} from '../../support/miniprogram/shopper-steps'

// The IDE path: `pnpm start` (sandbox mode, started once by support/global-setup.ts) and a
// platform whose login hands out codes the simulator never minted (WeChat DevTools, the Alipay
// IDE) or fails. The store falls back to POST /api/sandbox/sessions and pays at the sandbox cashier.
const suite = miniProgramSuite(() =>
  Promise.resolve({
    bffUrl: inject('bffUrl'),
    simulatorUrl: inject('simulatorUrl'),
    adminToken: inject('adminToken'),
  }),
)

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
      const mp = await suite.launch(platform, `ide-${randomUUID().slice(0, 8)}`)
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
      expect((await adminOrder(suite.system, orderNo)).order.status).toBe('paid')
      // The sandbox never opens the real wallet.
      expect(
        mp.shell.calls.some((call) => call.api === 'requestPayment' || call.api === 'tradePay'),
      ).toBe(false)
      mp.assertHealthy()
    },
  )
})
