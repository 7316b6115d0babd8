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

import { buildConsole, consoleBuildStaleReason } from '../../scripts/lib/console-build'
import { buildStaleServers, serverBuildStaleReason } from '../../scripts/lib/server-build'
import type { BenchClient, BenchShopper } from './bench-client'
import {
  createBenchDatabase,
  postgresAdminUrl,
  withoutPassword,
  type BenchDatabase,
} from './bench-database'
import { startBffVariant, type StartedBffVariant } from './bff-variants'
import { killAllChildrenNow, stopAllChildren } from './children'
import { requestFromArgs, type BenchConfig, type ScaleConfig } from './config'
import { profileBffTargets } from './cpu-profile'
import { measureFirstPaint, type PaintLoads } from './first-paint'
import { machineInfo } from './machine'
import { measurePaidLatency } from './paid-latency'
import { PATHS } from './paths'
import { computeRatios } from './ratios'
import { preservedReading, renderReport } from './report'
import type { BenchResults, Measured, PostgresNote } from './results'
import { runRounds } from './rounds'
import { preservedScale, renderScale, withScaleSection } from './scale/scale-report'
import { runScale } from './scale/scale-run'
import { smokeFailures } from './smoke-gate'
import { startBaselineChild, startSimulatorChild, type RunningChild } from './stack'
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
import { baselineTargets, postgresProxyTarget } from './targets/baseline-targets'
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

/**
 * The merchant console's build, rebuilt first when stale (an old build would measure the console
 * as it was, not as it is). Before any BFF starts: the BFF mounts the console only when its
 * folder exists at start.
 */
async function consoleBuild(
  config: BenchConfig,
): Promise<Measured<{ bytes: number; files: number }>> {
  const stale = consoleBuildStaleReason(PATHS.root)
  if (stale !== undefined && config.buildMissingStore) {
    log(`building the merchant console first (${stale})`)
    try {
      await buildConsole(PATHS.root)
    } catch (error) {
      return { ok: false, reason: `the console build failed: ${reasonOf(error)}` }
    }
  }
  const size = await measureDirectory(PATHS.consoleDist)
  return size === null
    ? { ok: false, reason: 'apps/console/dist is not built (pnpm start builds it)' }
    : { ok: true, value: size }
}

async function runBench(config: BenchConfig, workDir: string): Promise<BenchResults> {
  const startedAt = new Date()
  const machine = machineInfo()
  log(`${config.mode} run on ${machine.cpuModel} × ${machine.cpus}, Node ${machine.node}`)
  const sizes = await storeSizes(config, workDir)
  const consoleSize = await consoleBuild(config)

  const simulator = await attempt('simulator', () =>
    startSimulatorChild(workDir, SIMULATOR_TIME_SCALE),
  )
  const nodeHello = await startBaselineChild(workDir, 'node-hello')
  const koaHello = await startBaselineChild(workDir, 'koa-hello')
  let proxy: RunningChild | null = null
  let postgresProxy: RunningChild | null = null
  let proxyDatabase: BenchDatabase | null = null
  let bff: (RunningChild & { notifySecret: string }) | null = null
  let bffMissing: string | null = null
  const missingTargets: string[] = []
  let sku = 'SKU-UNKNOWN'
  let paidShopper: BenchShopper | null = null
  const bffLoadTargets: LoadTarget[] = []
  const variants: StartedBffVariant[] = []
  let client: BenchClient | null = null
  let postgres: PostgresNote = { measured: false, reason: 'skipped in the smoke run' }
  if (simulator.ok) {
    const simulatorPid = simulator.value.child.process.pid
    proxy = await startBaselineChild(workDir, 'koa-proxy', { SIMULATOR_URL: simulator.value.url })
    const h5 = storeDist('h5')
    const started = await attempt('BFF', () =>
      startBffVariant('sqlite', {
        workDir,
        simulatorUrl: simulator.value.url,
        simulatorPid,
        shopperCount: config.shoppers,
        ...(existsSync(join(h5, 'index.html')) ? { staticDir: h5 } : {}),
      }),
    )
    if (started.ok) {
      variants.push(started.value)
      bff = started.value.primary
      client = started.value.client
      sku = started.value.fixture.sku
      paidShopper = await client.openSession('bench-paid-latency')
      bffLoadTargets.push(...started.value.targets)
      const notificationMissing = started.value.notificationMissing
      if (notificationMissing) {
        log(`duplicate notification not measured: ${notificationMissing}`)
        missingTargets.push(`BFF duplicate notification (${notificationMissing})`)
      }
    } else bffMissing = started.reason
    if (config.postgres) {
      const adminUrl = postgresAdminUrl()
      if (adminUrl === null) {
        postgres = {
          measured: false,
          reason: 'neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set',
        }
      } else {
        postgres = { measured: true, server: withoutPassword(adminUrl) }
        const database = await attempt('PostgreSQL proxy database', () =>
          createBenchDatabase(adminUrl),
        )
        if (database.ok) {
          proxyDatabase = database.value
          const started = await attempt('bare Koa → JSAPIPay proxy with PostgreSQL', () =>
            startBaselineChild(workDir, 'koa-proxy-postgres', {
              SIMULATOR_URL: simulator.value.url,
              DATABASE_URL: database.value.url,
            }),
          )
          if (started.ok) postgresProxy = started.value
        }
        for (const kind of ['postgres', 'postgres-two'] as const) {
          log(`BFF on PostgreSQL (${kind === 'postgres' ? 'one instance' : 'two instances'})`)
          const onPostgres = await attempt(`BFF on PostgreSQL (${kind})`, () =>
            startBffVariant(kind, {
              workDir,
              simulatorUrl: simulator.value.url,
              simulatorPid,
              shopperCount: config.shoppers,
              postgresAdminUrl: adminUrl,
            }),
          )
          if (!onPostgres.ok) {
            postgres = { measured: false, reason: onPostgres.reason }
            break
          }
          variants.push(onPostgres.value)
          bffLoadTargets.push(...onPostgres.value.targets)
          if (onPostgres.value.notificationMissing) {
            missingTargets.push(
              `BFF duplicate notification on PostgreSQL (${onPostgres.value.notificationMissing})`,
            )
          }
        }
      }
    }
  } else bffMissing = `the simulator did not start: ${simulator.reason}`

  const withPid = (running: RunningChild | null): number[] =>
    running?.child.process.pid === undefined ? [] : [running.child.process.pid]
  const simulatorPids = simulator.ok ? withPid(simulator.value) : []
  const targets = [
    ...baselineTargets({
      nodeHello: nodeHello.url,
      koaHello: koaHello.url,
      koaProxy: proxy?.url ?? '',
      sku,
    })
      .filter((target) => target.id !== 'koa-proxy' || proxy !== null)
      .map((target) => ({
        ...target,
        serverPids: withPid(
          target.id === 'node-hello' ? nodeHello : target.id === 'koa-hello' ? koaHello : proxy,
        ),
        ...(target.id === 'koa-proxy' ? { upstreamPids: simulatorPids } : {}),
      })),
    ...(postgresProxy === null
      ? []
      : [
          {
            ...postgresProxyTarget(postgresProxy.url, sku),
            serverPids: withPid(postgresProxy),
            upstreamPids: simulatorPids,
          },
        ]),
    ...bffLoadTargets,
  ]
  const samples = await runRounds(
    targets,
    { rounds: config.rounds, warmup: config.warmup, measured: config.measured },
    log,
  )

  let chromium: string | null = null
  /** The page's own content: the store's first product, the console's token field. */
  const STORE_CONTENT = '[id^="product-"]'
  const CONSOLE_CONTENT = '#login-token'
  const paint = async (
    what: string,
    path: string,
    contentSelector: string,
    throttled: boolean,
    built: Measured<unknown>,
  ): Promise<Measured<PaintLoads>> => {
    if (config.fcpLoads === 0) return { ok: false, reason: 'skipped in the smoke run' }
    if (!built.ok) return built
    if (bff === null)
      return { ok: false, reason: `the BFF (which serves the ${what}) is not running` }
    const url = `${bff.url}${path}`
    const how = throttled ? ', 4G + 4× CPU throttling' : ''
    log(`${what} first contentful paint: ${config.fcpLoads} loads of ${url}${how}`)
    const measured = await attempt(`${what} first contentful paint${how}`, () =>
      measureFirstPaint(url, config.fcpLoads, { throttled, contentSelector }),
    )
    if (measured.ok) chromium = measured.value.chromium
    return measured
  }
  const firstPaint = await paint('store', '/', STORE_CONTENT, false, sizes.h5)
  const throttledFirstPaint = await paint('store', '/', STORE_CONTENT, true, sizes.h5)

  const consoleFirstPaint = await paint('console', '/console/', CONSOLE_CONTENT, false, consoleSize)
  const consoleThrottledFirstPaint = await paint(
    'console',
    '/console/',
    CONSOLE_CONTENT,
    true,
    consoleSize,
  )

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
    [nodeHello, koaHello, proxy, postgresProxy].map(
      (running) => running?.child.stop() ?? Promise.resolve(),
    ),
  )
  await proxyDatabase?.drop()
  await Promise.all(variants.map((variant) => variant.release()))
  const startup: Measured<StartupTimes> =
    config.startupSamples === 0
      ? { ok: false, reason: 'skipped in the smoke run' }
      : simulator.ok
        ? await attempt('start-up', async () => {
            const stale = serverBuildStaleReason(PATHS.root, 'bff')
            if (stale !== undefined) {
              log(`start-up: building the compiled BFF first (${stale})`)
              await buildStaleServers(PATHS.root)
            }
            log(`start-up: ${config.startupSamples} sample(s) each`)
            return await measureStartup({
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
    postgres,
    ratios: computeRatios(samples),
    storeSizes: sizes,
    firstPaint,
    throttledFirstPaint,
    consoleSize,
    consoleFirstPaint,
    consoleThrottledFirstPaint,
    startup,
    paidLatency,
    profile,
  }
}

async function scaleMain(scale: ScaleConfig, workDir: string): Promise<number> {
  log(`scale run: ${scale.sizes.join(' then ')} seeded orders (SQLite)`)
  const results = await runScale({ workDir, sizes: scale.sizes, load: scale.load, log })
  const section = renderScale(results)
  console.log(`\n${section}`)
  if (scale.writeReport) {
    const existing = existsSync(PATHS.benchmarksFile)
      ? await readFile(PATHS.benchmarksFile, 'utf8')
      : '# Benchmarks\n'
    await writeFile(PATHS.benchmarksFile, withScaleSection(existing, section))
    log(`wrote the scale section of ${PATHS.benchmarksFile}`)
  } else log('other sizes than the default: BENCHMARKS.md left as it is')
  return 0
}

async function main(): Promise<number> {
  const request = requestFromArgs(process.argv.slice(2))
  const workDir = await mkdtemp(join(tmpdir(), 'quickpay-bench-'))
  let keepWorkDir = false
  try {
    if (request.kind === 'scale') return await scaleMain(request.scale, workDir)
    const config = request.config
    const results = await runBench(config, workDir)
    const existing = existsSync(PATHS.benchmarksFile)
      ? await readFile(PATHS.benchmarksFile, 'utf8')
      : ''
    const report = renderReport(results, preservedReading(existing), preservedScale(existing))
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
