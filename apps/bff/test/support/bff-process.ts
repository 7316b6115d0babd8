import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { SIMULATOR_DEFAULTS, type RunningSimulator } from '@quickpay/simulator'

import { CANARIES } from './test-app'

const HERE = dirname(fileURLToPath(import.meta.url))
const BFF_DIR = resolve(HERE, '..', '..')
const MAIN = resolve(BFF_DIR, 'src', 'main.ts')
/** The compiled BFF (`pnpm --filter @quickpay/bff build`, esbuild.config.js). */
export const COMPILED_MAIN = resolve(BFF_DIR, 'dist', 'main.js')

/** A BFF running as a child process, which tests kill and restart on the same database. */
export interface BffProcess {
  /** `http://127.0.0.1:PORT` (the port stays the same across restarts). */
  url: string
  port: number
  /** The settings the child was started with. */
  env: Record<string, string>
  /** Every line the children wrote (stdout and stderr), across restarts. */
  output: string[]
  /** The running child's pid, if any. */
  readonly pid: number | undefined
  /** Starts (again) with the same settings plus `extra`; resolves once /readyz answers 200. */
  start(extra?: Record<string, string>): Promise<void>
  /** Sends `signal` and waits for the child to exit; answers how it ended. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves when the current child exits by itself (e.g. at a crash point). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Kills the child (SIGKILL) if it still runs. */
  stop(): Promise<void>
}

/** Options of `startBffProcess`. */
export interface BffProcessOptions {
  /** `file:/abs/path.sqlite` or `postgres://…`. */
  databaseUrl: string
  sim: RunningSimulator
  /** Extra or replacing settings (e.g. LIANKE_BASE_URL through a fault proxy). */
  env?: Record<string, string>
  /** How long to wait for /readyz (default 20 s). */
  readyTimeoutMs?: number
  /** Run the compiled dist/main.js with plain `node` instead of the sources through tsx. */
  compiled?: boolean
}

/** A port free right now on 127.0.0.1 (so restarts keep the URL and PUBLIC_BASE_URL). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

/** The settings every child gets: the simulator for everything, fast reconciling, quiet logs. */
export function baseBffEnv(sim: RunningSimulator, port: number, databaseUrl: string) {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
    ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
    SANDBOX: 'true',
    LIANKE_BASE_URL: `${sim.url}/`,
    LIANKE_STORE_NO: SIMULATOR_DEFAULTS.storeNo,
    LIANKE_TIMEOUT_MS: '1500',
    LIANKE_DEADLINE_MS: '3000',
    WECHAT_API_BASE_URL: `${sim.url}/`,
    WECHAT_MINIPROGRAM_SECRET: SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
    WECHAT_OA_SECRET: SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
    ALIPAY_GATEWAY_URL: `${sim.url}/gateway.do`,
    LOGIN_TIMEOUT_MS: '1000',
    LOG_LEVEL: process.env.BFF_CHILD_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_SESSIONS_PER_MINUTE: '100000',
    RATE_LIMIT_ORDERS_PER_MINUTE: '100000',
    MAX_OPEN_ORDERS_PER_SHOPPER: '1000',
    RECONCILE_INTERVAL_MS: '250',
    RECONCILE_AFTER_SECONDS: '1',
    RECONCILE_MAX_BACKOFF_SECONDS: '2',
    POLL_QUERY_AFTER_SECONDS: '1',
    QUERY_COALESCE_MS: '200',
    SHUTDOWN_GRACE_MS: '2000',
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the BFF exited during start-up (${child.exitCode ?? child.signalCode})`)
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) })
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the BFF was not ready within ${timeoutMs} ms`)
    await new Promise((done) => setTimeout(done, 50))
  }
}

/**
 * Starts the BFF (`node --import tsx src/main.ts`) as a child process on a fixed free port with the
 * simulator's settings plus `env`, and waits for /readyz. Only PATH and HOME are inherited.
 */
export async function startBffProcess(options: BffProcessOptions): Promise<BffProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    ...baseBffEnv(options.sim, port, options.databaseUrl),
    ...options.env,
  }
  const output: string[] = []
  let child: ChildProcess | undefined
  let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({
    code: null,
    signal: null,
  })

  const handle: BffProcess = {
    url,
    port,
    env,
    output,
    get pid() {
      return child?.exitCode === null && child.signalCode === null ? child.pid : undefined
    },
    async start(extra = {}) {
      if (handle.pid !== undefined) throw new Error('the BFF is already running')
      const args = options.compiled === true ? [COMPILED_MAIN] : ['--import', 'tsx', MAIN]
      const started = spawn(process.execPath, args, {
        cwd: BFF_DIR,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          ...env,
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child = started
      exit = new Promise((done) => {
        started.once('exit', (code, signal) => done({ code, signal }))
      })
      const collect = (chunk: Buffer): void => {
        output.push(chunk.toString('utf8'))
        if (output.length > 2000) output.splice(0, 1000)
      }
      started.stdout?.on('data', collect)
      started.stderr?.on('data', collect)
      try {
        await waitReady(url, started, options.readyTimeoutMs ?? 20_000)
      } catch (error) {
        started.kill('SIGKILL')
        await exit
        throw new Error(`${(error as Error).message}\n${output.slice(-20).join('')}`)
      }
    },
    async kill(signal = 'SIGKILL') {
      if (handle.pid !== undefined) child?.kill(signal)
      return exit
    },
    exited: () => exit,
    async stop() {
      await handle.kill('SIGKILL')
    },
  }
  await handle.start()
  return handle
}
