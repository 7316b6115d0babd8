/**
 * Start-up time, spawn → first 200, polled every 10 ms: the compiled BFF (`node
 * apps/bff/dist/main.js`, /readyz on a fresh SQLite file so migrations and the catalogue seed are
 * included) against a node:http hello compiled by the same tool (esbuild) and spawned the same
 * way (plain `node`); and, for context, both again from TypeScript through tsx (`node --import
 * tsx`), as `pnpm dev` and the tests run them, and the compiled BFF's first start after a build,
 * before it has written its V8 code cache (scripts/lib/code-cache-loader.js). The five alternate
 * sample by sample.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { build } from 'esbuild'

import { spawnChild, spawnCompiledChild, waitUntilOk, type BenchChild } from './children'
import { freePort } from './free-port'
import { PATHS } from './paths'
import { processCpuMicros } from './process-cpu'
import { startBffChild } from './stack'

/** Milliseconds per start, per server and runtime. */
export interface StartupTimes {
  /** The compiled BFF, plain `node`, with the code cache an earlier start wrote. */
  bff: number[]
  /** Whether each `bff` sample said it compiled from the code cache (its "BFF listening" line). */
  bffCodeCacheUsed: boolean[]
  /** The compiled BFF's first start after a build: no code cache yet. */
  bffFirstStart: number[]
  /** The compiled hello, plain `node`. */
  nodeHello: number[]
  /**
   * CPU milliseconds the compiled BFF and the compiled hello had used when their first 200 came
   * (every thread, from /proc): steadier than wall time on a machine whose cores are shared.
   */
  bffCpu: number[]
  nodeHelloCpu: number[]
  /** The BFF's sources through tsx. */
  bffTsx: number[]
  /** The hello's source through tsx. */
  nodeHelloTsx: number[]
}

/** Compiles src/servers/node-hello.ts into `workDir` with esbuild, as the BFF's build does. */
async function compileHello(workDir: string): Promise<string> {
  const outfile = join(workDir, 'node-hello.mjs')
  await build({
    entryPoints: [join(PATHS.servers, 'node-hello.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  })
  return outfile
}

const CODE_CACHE = join(dirname(PATHS.bffCompiledMain), 'server.cjs.cache')

/** Waits until the compiled BFF has written its code cache (it does once it is listening). */
async function codeCacheWritten(): Promise<void> {
  const deadline = performance.now() + 10_000
  while (!existsSync(CODE_CACHE)) {
    if (performance.now() > deadline) throw new Error(`no code cache at ${CODE_CACHE} after 10 s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The CPU milliseconds `child` has used so far (NaN when /proc cannot tell). */
function cpuMsOf(child: BenchChild): number {
  const micros = child.process.pid === undefined ? null : processCpuMicros(child.process.pid)
  return micros === null ? Number.NaN : micros / 1000
}

async function helloStart(
  workDir: string,
  spawn: (env: NodeJS.ProcessEnv, logFile: string) => BenchChild,
): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort()
  const spawnedAt = performance.now()
  const hello = spawn({ PORT: String(port) }, join(workDir, 'hello-start.log'))
  try {
    const ms = await waitUntilOk(hello, `http://127.0.0.1:${port}/`, {
      timeoutMs: 30000,
      intervalMs: 10,
      since: spawnedAt,
    })
    return { ms, cpuMs: cpuMsOf(hello) }
  } finally {
    await hello.stop()
  }
}

/** Starts and stops each server `samples` times (the compiled BFF must be built). */
export async function measureStartup(options: {
  workDir: string
  simulatorUrl: string
  samples: number
}): Promise<StartupTimes> {
  const times: StartupTimes = {
    bff: [],
    bffCodeCacheUsed: [],
    bffFirstStart: [],
    nodeHello: [],
    bffCpu: [],
    nodeHelloCpu: [],
    bffTsx: [],
    nodeHelloTsx: [],
  }
  const compiledHello = await compileHello(options.workDir)
  for (let sample = 0; sample < options.samples; sample += 1) {
    const hello = await helloStart(options.workDir, (env, logFile) =>
      spawnCompiledChild(`hello-start-${sample}`, compiledHello, { env, logFile }),
    )
    times.nodeHello.push(hello.ms)
    times.nodeHelloCpu.push(hello.cpuMs)
    for (const run of ['first start', 'compiled', 'tsx'] as const) {
      if (run === 'first start') rmSync(CODE_CACHE, { force: true })
      const bff = await startBffChild({
        name: `bff-start-${run.replace(' ', '-')}-${sample}`,
        workDir: options.workDir,
        simulatorUrl: options.simulatorUrl,
        intervalMs: 10,
        compiled: run !== 'tsx',
      })
      if (run === 'first start') {
        times.bffFirstStart.push(bff.readyMs)
        await codeCacheWritten()
      } else if (run === 'compiled') {
        times.bff.push(bff.readyMs)
        times.bffCpu.push(cpuMsOf(bff.child))
        const log = readFileSync(join(options.workDir, `bff-start-compiled-${sample}.log`), 'utf8')
        times.bffCodeCacheUsed.push(log.includes('"codeCache":"used"'))
      } else {
        times.bffTsx.push(bff.readyMs)
      }
      await bff.child.stop()
    }
    const helloTsx = await helloStart(options.workDir, (env, logFile) =>
      spawnChild(`hello-start-tsx-${sample}`, join(PATHS.servers, 'node-hello.ts'), {
        env,
        logFile,
      }),
    )
    times.nodeHelloTsx.push(helloTsx.ms)
  }
  return times
}
