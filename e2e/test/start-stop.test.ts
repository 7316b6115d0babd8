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

    const exit = await system.stop('SIGINT')
    // pnpm itself dies of the SIGINT, as in a terminal; the start script below it stops its
    // children and says so.
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true)
    let left = processesWithMarker(system.marker)
    for (let i = 0; i < 50 && left.length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      left = processesWithMarker(system.marker)
    }
    expect(left).toEqual([])
    // The last line can reach our pipe a moment after the process that wrote it is gone.
    for (let i = 0; i < 50 && !system.output().includes('Stopped.'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(system.output()).toContain('Stopped.')
    await expect(fetch(`${system.bffUrl}/healthz`)).rejects.toThrow()
    await expect(fetch(`${system.simulatorUrl}/__sim/stats`)).rejects.toThrow()
  })
})
