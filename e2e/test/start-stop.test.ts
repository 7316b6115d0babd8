import { describe, expect, it } from 'vitest'

import { processesWithMarker, startSystem } from '../support/started-system'

describe('pnpm start', () => {
  it('serves a ready system and leaves no process behind after Ctrl-C (SIGINT)', async () => {
    const system = await startSystem()
    const ready = await fetch(`${system.bffUrl}/readyz`)
    expect(ready.status).toBe(200)
    const store = await fetch(`${system.bffUrl}/`)
    expect(store.status).toBe(200)
    expect(await store.text()).toContain('<div id="app"')
    expect(processesWithMarker(system.marker).length).toBeGreaterThanOrEqual(3)

    const code = await system.stop('SIGINT')
    expect(code).toBe(0)
    let left = processesWithMarker(system.marker)
    for (let i = 0; i < 50 && left.length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      left = processesWithMarker(system.marker)
    }
    expect(left).toEqual([])
    await expect(fetch(`${system.bffUrl}/healthz`)).rejects.toThrow()
    await expect(fetch(`${system.simulatorUrl}/__sim/stats`)).rejects.toThrow()
  })
})
