/**
 * Start-up time, spawn → first 200, for the BFF (/readyz, on a fresh SQLite file so migrations
 * and the catalogue seed are included) against a node:http hello started the same way
 * (`node --import tsx`), alternating the two, polling every 10 ms.
 */
import { join } from 'node:path'

import { spawnChild, waitUntilOk } from './children'
import { freePort } from './free-port'
import { PATHS } from './paths'
import { startBffChild } from './stack'

/** Milliseconds per start, per server. */
export interface StartupTimes {
  bff: number[]
  nodeHello: number[]
}

/** Starts and stops each server `samples` times. */
export async function measureStartup(options: {
  workDir: string
  simulatorUrl: string
  samples: number
}): Promise<StartupTimes> {
  const times: StartupTimes = { bff: [], nodeHello: [] }
  for (let sample = 0; sample < options.samples; sample += 1) {
    const port = await freePort()
    const spawnedAt = performance.now()
    const hello = spawnChild(`hello-start-${sample}`, join(PATHS.servers, 'node-hello.ts'), {
      env: { PORT: String(port) },
      logFile: join(options.workDir, 'hello-start.log'),
    })
    try {
      times.nodeHello.push(
        await waitUntilOk(hello, `http://127.0.0.1:${port}/`, {
          timeoutMs: 30000,
          intervalMs: 10,
          since: spawnedAt,
        }),
      )
    } finally {
      await hello.stop()
    }
    const bff = await startBffChild({
      name: `bff-start-${sample}`,
      workDir: options.workDir,
      simulatorUrl: options.simulatorUrl,
      intervalMs: 10,
    })
    times.bff.push(bff.readyMs)
    await bff.child.stop()
  }
  return times
}
