/**
 * Starts the whole demo exactly as a newcomer does (`pnpm start`), on free ports and a fresh
 * SQLite file, with a run marker in the environment so the test can prove that stopping it left
 * no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { freePort } from './free-port'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..')

/** A running `pnpm start`. */
export interface StartedSystem {
  child: ChildProcess
  bffUrl: string
  simulatorUrl: string
  adminToken: string
  marker: string
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts `pnpm start` and resolves once the BFF answers /readyz. */
export async function startSystem(extraEnv: Record<string, string> = {}): Promise<StartedSystem> {
  const port = await freePort()
  const simulatorPort = await freePort()
  const marker = `QUICKPAY_E2E_RUN=${randomUUID()}`
  const dataDir = mkdtempSync(join(tmpdir(), 'quickpay-e2e-'))
  const adminToken = `e2e-admin-${randomUUID()}`
  // The system runs as a newcomer's would: without the test runner's NODE_ENV=test / VITEST.
  const { NODE_ENV: _nodeEnv, VITEST: _vitest, ...parentEnv } = process.env
  const child = spawn('pnpm', ['start'], {
    cwd: ROOT,
    env: {
      ...parentEnv,
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      DATABASE_URL: `file:${join(dataDir, 'bff.sqlite')}`,
      ADMIN_TOKEN: adminToken,
      QUICKPAY_E2E_RUN: marker.split('=')[1],
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() can signal the whole group the way Ctrl-C in a terminal does.
    detached: true,
  })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  )

  const bffUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited early:\n${log}`)
    try {
      const response = await fetch(`${bffUrl}/readyz`, { signal: AbortSignal.timeout(1000) })
      if (response.ok) break
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      throw new Error(`pnpm start was not ready in time:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    child,
    bffUrl,
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
    adminToken,
    marker,
    output: () => log,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, signal)
      return exited
    },
  }
}

/** The pids of every live process whose environment carries `marker` (this run's descendants). */
export function processesWithMarker(marker: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1')
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      if (state !== 'Z' && environ.split('\0').includes(marker)) found.push(Number(entry))
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found
}
