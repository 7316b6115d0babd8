/**
 * The simulator and a BFF started for the mini-program flows, as `pnpm start` starts them
 * (scripts/start.ts: `node --import tsx` on each main file, the simulator's sandbox apps and
 * keys), but with SANDBOX=false so the store calls `wx.requestPayment` / `my.tradePay` instead of
 * the sandbox cashier, on free ports and a fresh SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { demoEnvironment } from '../../../scripts/lib/demo-environment'
import { freePort } from '../free-port'
import { ROOT } from '../started-system'

/** A running simulator + BFF pair. */
export interface PaymentSystem {
  bffUrl: string
  simulatorUrl: string
  adminToken: string
  /** Everything both processes printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

/** Starts the simulator and the BFF (`sandbox` chooses SANDBOX); resolves once /readyz answers. */
export async function startPaymentSystem(
  options: { sandbox?: boolean; extraEnv?: Record<string, string> } = {},
): Promise<PaymentSystem> {
  const port = await freePort()
  const simulatorPort = await freePort()
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`
  const bffUrl = `http://127.0.0.1:${port}`
  const adminToken = `mini-admin-${randomUUID()}`
  const { NODE_ENV: _nodeEnv, VITEST: _vitest, ...parentEnv } = process.env
  // The demo's settings (scripts/lib/demo-environment.ts), with this suite's ports, database,
  // secrets and mode on top.
  const env: NodeJS.ProcessEnv = {
    ...parentEnv,
    ...demoEnvironment(ROOT, {
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'quickpay-mini-')), 'bff.sqlite')}`,
      SANDBOX: options.sandbox === true ? 'true' : 'false',
      NOTIFY_SECRET: 'mini-notify-secret-0123456789abcdef',
      ADMIN_TOKEN: adminToken,
      // Polls never trigger a Query, so each flow shows that the notification settled the order.
      POLL_QUERY_AFTER_SECONDS: '60',
      LOG_LEVEL: 'warn',
      ...options.extraEnv,
    }),
  }
  let log = ''
  const children: ChildProcess[] = []
  const start = (name: string, file: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (chunk: Buffer) => (log += `[${name}] ${chunk.toString()}`))
    child.stderr?.on('data', (chunk: Buffer) => (log += `[${name}] ${chunk.toString()}`))
    children.push(child)
    return child
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      ),
    )
  }
  try {
    const simulator = start('simulator', 'packages/simulator/src/main.ts')
    await waitForOk(`${simulatorUrl}/__sim/stats`, simulator, () => log)
    const bff = start('bff', 'apps/bff/src/main.ts')
    await waitForOk(`${bffUrl}/readyz`, bff, () => log)
  } catch (error) {
    await stop()
    throw error
  }
  return { bffUrl, simulatorUrl, adminToken, output: () => log, stop }
}

async function waitForOk(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited early:\n${log()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (response.ok) return
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} was not ready in time:\n${log()}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
