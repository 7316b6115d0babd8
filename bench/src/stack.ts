/** Starting the simulator and the BFF as children, each waited for until it answers. */
import { join } from 'node:path'

import { spawnChild, spawnCompiledChild, waitUntilOk, type BenchChild } from './children'
import { bffEnvironment } from './bff-environment'
import { freePort } from './free-port'
import { PATHS } from './paths'

/** A running child and the base URL it serves. */
export interface RunningChild {
  child: BenchChild
  url: string
}

/** Starts the simulator with notifications sped up by `timeScale`. */
export async function startSimulatorChild(
  workDir: string,
  timeScale: number,
): Promise<RunningChild> {
  const port = await freePort()
  const child = spawnChild('simulator', PATHS.simulatorMain, {
    env: { SIMULATOR_PORT: String(port), SIMULATOR_TIME_SCALE: String(timeScale) },
    logFile: join(workDir, 'simulator.log'),
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilOk(child, `${url}/__sim/stats`, { timeoutMs: 30000, intervalMs: 50 })
  return { child, url }
}

/** Options for one BFF child. */
export interface BffStart {
  name: string
  workDir: string
  simulatorUrl: string
  staticDir?: string
  nodeArgs?: string[]
  /** `postgres://…` of a fresh database; default a fresh SQLite file in `workDir`. */
  databaseUrl?: string
  /** Settings added to the demo's (e.g. INSTANCE_NAME for a second instance). */
  extraEnv?: NodeJS.ProcessEnv
  /** Run the compiled BFF (apps/bff/dist, plain `node`) instead of the sources through tsx. */
  compiled?: boolean
  /** Poll interval for /readyz (the start-up measurement polls every 10 ms). */
  intervalMs?: number
}

/**
 * Starts a BFF on a fresh SQLite file (or the given database); resolves once /readyz answers 200,
 * with the time it took.
 */
export async function startBffChild(
  options: BffStart,
): Promise<RunningChild & { readyMs: number; notifySecret: string; adminToken: string }> {
  const port = await freePort()
  const simulatorPort = Number(new URL(options.simulatorUrl).port)
  const env = bffEnvironment({
    port,
    simulatorPort,
    databaseUrl: options.databaseUrl ?? `file:${join(options.workDir, `${options.name}.sqlite`)}`,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
  })
  Object.assign(env, options.extraEnv)
  const spawnedAt = performance.now()
  const childOptions = {
    env,
    logFile: join(options.workDir, `${options.name}.log`),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  }
  const child = options.compiled
    ? spawnCompiledChild(options.name, PATHS.bffCompiledMain, childOptions)
    : spawnChild(options.name, PATHS.bffMain, childOptions)
  const url = `http://127.0.0.1:${port}`
  const readyMs = await waitUntilOk(child, `${url}/readyz`, {
    timeoutMs: 60000,
    intervalMs: options.intervalMs ?? 50,
    since: spawnedAt,
  })
  return {
    child,
    url,
    readyMs,
    notifySecret: env.NOTIFY_SECRET ?? '',
    adminToken: env.ADMIN_TOKEN ?? '',
  }
}

/** Starts one of the baseline servers in src/servers/. */
export async function startBaselineChild(
  workDir: string,
  name: 'node-hello' | 'koa-hello' | 'koa-proxy' | 'koa-proxy-postgres',
  env: NodeJS.ProcessEnv = {},
): Promise<RunningChild> {
  const port = await freePort()
  const child = spawnChild(name, join(PATHS.servers, `${name}.ts`), {
    env: { ...env, PORT: String(port) },
    logFile: join(workDir, `${name}.log`),
  })
  const url = `http://127.0.0.1:${port}`
  const probe = name.startsWith('koa-proxy') ? null : `${url}/`
  if (probe) await waitUntilOk(child, probe, { timeoutMs: 30000, intervalMs: 50 })
  else await waitForPost(child, `${url}/api/orders`)
  return { child, url }
}

async function waitForPost(child: BenchChild, url: string): Promise<void> {
  const deadline = performance.now() + 30000
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited:\n${child.tail()}`)
    try {
      const response = await fetch(url, { method: 'POST', body: '{}' })
      const body = await response.text()
      if (response.status === 201) return
      throw new Error(`${child.name} answered ${response.status} ${body}`)
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(child.name)) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error(`${child.name} not ready:\n${child.tail()}`)
}
