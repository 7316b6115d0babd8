/**
 * Decides whether the merchant console's build (`apps/console/dist`) is missing or older than its
 * sources, and rebuilds it with `pnpm --filter @quickpay/console build` (a few seconds): the same
 * staleness rule as support/miniprogram/mini-build.ts. The BFF serves the folder at /console/
 * only if it exists when it starts, so this runs before the system is started.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Everything the console's build is made from. */
const SOURCES = [
  'apps/console/src',
  'apps/console/index.html',
  'apps/console/vite.config.ts',
  'apps/console/package.json',
  'packages/contracts/src',
]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why `apps/console/dist` must be (re)built, or undefined when it is up to date. */
export function consoleBuildStaleReason(root: string): string | undefined {
  const built = join(root, 'apps/console/dist/index.html')
  if (!existsSync(built)) return 'apps/console/dist has not been built yet'
  const builtAt = statSync(built).mtimeMs
  const newest = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))))
  return newest > builtAt ? 'the console sources changed since it was built' : undefined
}

/** Builds the console when stale; throws with Vite's output on failure. */
export async function ensureConsoleBuild(root: string): Promise<void> {
  const reason = consoleBuildStaleReason(root)
  if (reason === undefined) return
  console.log(`Building the merchant console: ${reason} (a few seconds)…`)
  const { VITEST: _vitest, ...env } = process.env
  const child = spawn('pnpm', ['--filter', '@quickpay/console', 'build'], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('exit', done))
  if (code !== 0)
    throw new Error(`the console build failed (exit ${code}):\n${output.slice(-4000)}`)
}
