import { existsSync, readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { SIMULATOR_FIXTURES, startSimulator } from '../src'
import { getJson, postJson } from './support/http'
import { PAYER, createWechatOrder } from './support/orders'

describe('startSimulator', () => {
  it('listens on 127.0.0.1 with a URL without a trailing slash, and closes idempotently', async () => {
    const sim = await startSimulator()

    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
    expect(sim.port).toBeGreaterThan(0)
    await sim.close()
    await sim.close()
    await expect(fetch(`${sim.url}/__sim/stats`)).rejects.toThrow()
  })

  it('counts calls per route in /__sim/stats and forgets everything on /__sim/reset', async () => {
    const sim = await startSimulator()
    try {
      await createWechatOrder(sim)
      await postJson(`${sim.url}/__sim/login-codes`, { channel: 'wechat-miniprogram' })
      const before = await getJson<{ calls: Record<string, number> }>(`${sim.url}/__sim/stats`)

      const reset = await fetch(`${sim.url}/__sim/reset`, { method: 'POST' })
      const after = await getJson<{ calls: Record<string, number> }>(`${sim.url}/__sim/stats`)

      expect(before.body.calls).toMatchObject({ 'QuickPay/JSAPIPay': 1, '__sim/login-codes': 1 })
      expect(reset.status).toBe(204)
      expect(after.body.calls).toEqual({})
      expect(sim.state.orders.size).toBe(0)
    } finally {
      await sim.close()
    }
  })

  it('refuses an unknown store configured away, and accepts configured stores', async () => {
    const sim = await startSimulator({ storeNos: ['S1'] })
    try {
      await expect(createWechatOrder(sim, { store_no: 'DEMO001' })).rejects.toThrow(
        /STORE_NOT_EXIST/,
      )
      const order = await createWechatOrder(sim, { store_no: 'S1' })
      expect(order.buyer).toBe(PAYER)
    } finally {
      await sim.close()
    }
  })

  it('ships the four PEM fixtures', () => {
    for (const path of Object.values(SIMULATOR_FIXTURES)) {
      expect(existsSync(path)).toBe(true)
      expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN (PRIVATE|PUBLIC) KEY-----/)
    }
  })

  it('refuses a non-positive timeScale', async () => {
    await expect(startSimulator({ timeScale: 0 })).rejects.toThrow(/timeScale/)
  })
})
