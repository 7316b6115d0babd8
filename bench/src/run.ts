/**
 * `pnpm bench` / `pnpm bench --smoke`: starts every server as a child process, loads them from
 * here in interleaved rounds, measures the store, start-up and payment confirmation, prints the
 * report, writes BENCHMARKS.md (full run only) and, in smoke mode, fails only on an
 * order-of-magnitude regression. Every child is stopped on success, error and Ctrl-C.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createBenchClient, type BenchShopper } from './bench-client'
import { prepareBff } from './bff-fixture'
import { killAllChildrenNow, stopAllChildren } from './children'
import { configFromArgs, type BenchConfig } from './config'
import { profileBffTargets } from './cpu-profile'
import { measureFirstPaint } from './first-paint'
import { machineInfo } from './machine'
import { measurePaidLatency } from './paid-latency'
import { PATHS } from './paths'
import { computeRatios } from './ratios'
import { preservedReading, renderReport } from './report'
import type { BenchResults, Measured } from './results'
import { runRounds } from './rounds'
import { smokeFailures } from './smoke-gate'
import { startBaselineChild, startBffChild, startSimulatorChild, type RunningChild } from './stack'
import { measureStartup, type StartupTimes } from './startup-time'
import { buildStoreTarget } from './store-build'
import {
  measureDirectory,
  measureStoreSize,
  storeDist,
  STORE_TARGETS,
  type StoreSize,
  type StoreTarget,
} from './store-size'
import { baselineTargets } from './targets/baseline-targets'
import { bffTargets } from './targets/bff-targets'
import type { LoadTarget } from './targets/load-target'

const SIMULATOR_TIME_SCALE = 1000
const BUILD_TIMEOUT_MS = 10 * 60 * 1000

const log = (line: string): void => console.log(`[bench] ${line}`)

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n').slice(0, 6).join(' | ').slice(0, 600)
}

async function attempt<T>(what: string, work: () => Promise<T>): Promise<Measured<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    log(`${what} failed: ${reasonOf(error)}`)
    return { ok: false, reason: reasonOf(error) }
  }
}

async function storeSizes(
  config: BenchConfig,
  workDir: string,
): Promise<Record<StoreTarget, Measured<StoreSize>>> {
  const sizes = {} as Record<StoreTarget, Measured<StoreSize>>
  for (const target of STORE_TARGETS) {
    let size = await measureStoreSize(target)
    if (size === null && config.buildMissingStore) {
      log(`apps/miniapp/dist/${target} is missing: pnpm build:${target}`)
      const logFile = join(workDir, `build-${target}.log`)
      const failure = await buildStoreTarget(target, logFile, BUILD_TIMEOUT_MS)
      if (failure !== null) {
        sizes[target] = { ok: false, reason: failure }
        continue
      }
      size = await measureStoreSize(target)
    }
    sizes[target] =
      size === null
        ? { ok: false, reason: `apps/miniapp/dist/${target} is not built` }
        : { ok: true, value: size }
  }
  return sizes
}

async function runBench(config: BenchConfig, workDir: string): Promise<BenchResults> {
  const startedAt = new Date()
  const machine = machineInfo()
  log(`${config.mode} run on ${machine.cpuModel} × ${machine.cpus}, Node ${machine.node}`)
  const sizes = await storeSizes(config, workDir)

  const simulator = await attempt('simulator', () =>
    startSimulatorChild(workDir, SIMULATOR_TIME_SCALE),
  )
  const nodeHello = await startBaselineChild(workDir, 'node-hello')
  const koaHello = await startBaselineChild(workDir, 'koa-hello')
  let proxy: RunningChild | null = null
  let bff: (RunningChild & { notifySecret: string }) | null = null
  let bffMissing: string | null = null
  const missingTargets: string[] = []
  let sku = 'SKU-UNKNOWN'
  let paidShopper: BenchShopper | null = null
  let bffLoadTargets: LoadTarget[] = []
  let client: ReturnType<typeof createBenchClient> | null = null
  if (simulator.ok) {
    proxy = await startBaselineChild(workDir, 'koa-proxy', { SIMULATOR_URL: simulator.value.url })
    const started = await attempt('BFF', async () => {
      const h5 = storeDist('h5')
      const running = await startBffChild({
        name: 'bff',
        workDir,
        simulatorUrl: simulator.value.url,
        ...(existsSync(join(h5, 'index.html')) ? { staticDir: h5 } : {}),
      })
      const benchClient = createBenchClient({ bff: running.url, simulator: simulator.value.url })
      const prepared = await prepareBff(benchClient, {
        bffUrl: running.url,
        notifySecret: running.notifySecret,
        shopperCount: config.shoppers,
      })
      return { running, benchClient, prepared }
    })
    if (started.ok) {
      bff = started.value.running
      client = started.value.benchClient
      sku = started.value.prepared.fixture.sku
      paidShopper = await client.openSession('bench-paid-latency')
      bffLoadTargets = bffTargets(started.value.prepared.fixture)
      const notificationMissing = started.value.prepared.notificationMissing
      if (notificationMissing) {
        log(`duplicate notification not measured: ${notificationMissing}`)
        missingTargets.push(`BFF duplicate notification (${notificationMissing})`)
      }
    } else bffMissing = started.reason
  } else bffMissing = `the simulator did not start: ${simulator.reason}`

  const targets = [
    ...baselineTargets({
      nodeHello: nodeHello.url,
      koaHello: koaHello.url,
      koaProxy: proxy?.url ?? '',
      sku,
    }).filter((target) => target.id !== 'koa-proxy' || proxy !== null),
    ...bffLoadTargets,
  ]
  const samples = await runRounds(
    targets,
    { rounds: config.rounds, warmup: config.warmup, measured: config.measured },
    log,
  )

  let chromium: string | null = null
  const firstPaint: Measured<number[]> = await (async () => {
    if (config.fcpLoads === 0) return { ok: false, reason: 'skipped in the smoke run' }
    if (!sizes.h5.ok) return { ok: false, reason: sizes.h5.reason }
    if (bff === null)
      return { ok: false, reason: 'the BFF (which serves the H5 store) is not running' }
    const url = `${bff.url}/`
    log(`first contentful paint: ${config.fcpLoads} loads of ${url}`)
    const measured = await attempt('first contentful paint', () =>
      measureFirstPaint(url, config.fcpLoads),
    )
    if (!measured.ok) return measured
    chromium = measured.value.chromium
    return { ok: true, value: measured.value.loads }
  })()

  const consoleSize: Measured<{ bytes: number; files: number }> = await (async () => {
    const size = await measureDirectory(PATHS.consoleDist)
    return size === null
      ? { ok: false, reason: 'apps/console/dist is not built (pnpm start builds it)' }
      : { ok: true, value: size }
  })()
  const consoleFirstPaint: Measured<number[]> = await (async () => {
    if (config.fcpLoads === 0) return { ok: false, reason: 'skipped in the smoke run' }
    if (!consoleSize.ok) return consoleSize
    if (bff === null)
      return { ok: false, reason: 'the BFF (which serves the console) is not running' }
    const url = `${bff.url}/console/`
    log(`console first contentful paint: ${config.fcpLoads} loads of ${url}`)
    const measured = await attempt('console first contentful paint', () =>
      measureFirstPaint(url, config.fcpLoads),
    )
    return measured.ok ? { ok: true, value: measured.value.loads } : measured
  })()

  const paidLatency: Measured<number[]> =
    client && paidShopper
      ? await attempt('wallet → paid', () =>
          measurePaidLatency(client, paidShopper, sku, {
            samples: config.paidSamples,
            intervalMs: 10,
            timeoutMs: config.paidTimeoutMs,
          }),
        )
      : { ok: false, reason: bffMissing ?? 'the BFF is not running' }

  // Free the cores before timing start-ups and profiling.
  await Promise.all(
    [nodeHello, koaHello, proxy, bff].map((running) => running?.child.stop() ?? Promise.resolve()),
  )
  const startup: Measured<StartupTimes> =
    config.startupSamples === 0
      ? { ok: false, reason: 'skipped in the smoke run' }
      : simulator.ok
        ? await attempt('start-up', () => {
            log(`start-up: ${config.startupSamples} sample(s) each`)
            return measureStartup({
              workDir,
              simulatorUrl: simulator.value.url,
              samples: config.startupSamples,
            })
          })
        : { ok: false as const, reason: bffMissing ?? 'no simulator' }

  const profileLoad = config.profile
  const profile =
    profileLoad === null
      ? { ok: false as const, reason: 'skipped in the smoke run' }
      : simulator.ok && bffMissing === null
        ? await attempt('CPU profile', () => {
            log('CPU profile of the BFF targets')
            return profileBffTargets({
              workDir,
              simulatorUrl: simulator.value.url,
              load: profileLoad,
              shopperCount: config.shoppers,
              top: 12,
            })
          })
        : { ok: false as const, reason: bffMissing ?? 'no simulator' }

  return {
    startedAt,
    config,
    machine,
    chromium,
    targets: targets.map(({ id, label }) => ({ id, label })),
    samples,
    bffMissing,
    missingTargets,
    ratios: computeRatios(samples),
    storeSizes: sizes,
    firstPaint,
    consoleSize,
    consoleFirstPaint,
    startup,
    paidLatency,
    profile,
  }
}

async function main(): Promise<number> {
  const config = configFromArgs(process.argv.slice(2))
  const workDir = await mkdtemp(join(tmpdir(), 'quickpay-bench-'))
  let keepWorkDir = false
  try {
    const results = await runBench(config, workDir)
    const existing = existsSync(PATHS.benchmarksFile)
      ? await readFile(PATHS.benchmarksFile, 'utf8')
      : ''
    const report = renderReport(results, preservedReading(existing))
    console.log(`\n${report}`)
    if (config.writeReport) {
      await writeFile(PATHS.benchmarksFile, report)
      log(`wrote ${PATHS.benchmarksFile}`)
    }
    if (config.mode === 'smoke') {
      const failures = smokeFailures(results)
      for (const failure of failures) log(`REGRESSION: ${failure}`)
      if (failures.length > 0) {
        keepWorkDir = true
        log(`children's logs kept in ${workDir}`)
        return 1
      }
      log('smoke passed (fails only on order-of-magnitude regressions)')
    }
    return 0
  } catch (error) {
    keepWorkDir = true
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    log(`children's logs kept in ${workDir}`)
    return 1
  } finally {
    await stopAllChildren()
    if (!keepWorkDir) await rm(workDir, { recursive: true, force: true })
  }
}

let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    log(`${signal}: stopping every child`)
    void stopAllChildren().finally(() => process.exit(130))
  })
}
process.on('exit', killAllChildrenNow)

process.exitCode = await main()
process.exit()
