/**
 * Decides whether a mini-program build (`dist/weapp`, `dist/alipay`) is missing or older than the
 * store's sources, and rebuilds it with `pnpm build:<target>`: the same staleness rule as
 * scripts/lib/h5-build.ts (scripts/lib/build-staleness.ts), for the two mini-program targets.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { staleReason } from '../../../scripts/lib/build-staleness'
import type { Platform } from './platform'

/** Everything a mini-program build is made from. */
const SOURCES = [
  'apps/miniapp/src',
  'apps/miniapp/config',
  'apps/miniapp/package.json',
  'apps/miniapp/babel.config.js',
  'apps/miniapp/project.config.json',
  'apps/miniapp/project.alipay.json',
  'packages/contracts/src',
]

/**
 * The folder holding `weapp/` and `alipay/`: `MINIAPP_DIST` when set (a copied or older build,
 * never rebuilt), else the store's own `apps/miniapp/dist`.
 */
export function miniDistRoot(root: string): string {
  const override = process.env.MINIAPP_DIST
  return override !== undefined && override !== ''
    ? resolve(override)
    : join(root, 'apps/miniapp/dist')
}

/** The reason `dist/<platform>` must be (re)built, or undefined when it is up to date. */
export function miniBuildStaleReason(root: string, platform: Platform): string | undefined {
  return staleReason(root, {
    name: `dist/${platform}`,
    built: `apps/miniapp/dist/${platform}/app.js`,
    sources: SOURCES,
  })
}

/** Builds `dist/<platform>` (`pnpm build:<platform>`) as production; throws with Taro's output on failure. */
export async function buildMini(root: string, platform: Platform): Promise<void> {
  // Production whatever the test runner's NODE_ENV (vitest sets `test`, which changes Taro's Babel
  // output), and without VITEST so nothing in the build thinks it runs under a test.
  const { VITEST: _vitest, ...env } = process.env
  const child = spawn('pnpm', [`build:${platform}`], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('exit', done))
  if (code !== 0)
    throw new Error(`pnpm build:${platform} failed (exit ${code}):\n${output.slice(-4000)}`)
}

/**
 * The folder of a fresh `<platform>` build: rebuilt first when missing or stale, unless
 * `MINIAPP_DIST` points at a build to use as it is.
 */
export async function ensureMiniBuild(root: string, platform: Platform): Promise<string> {
  if (process.env.MINIAPP_DIST === undefined || process.env.MINIAPP_DIST === '') {
    const reason = miniBuildStaleReason(root, platform)
    if (reason !== undefined) {
      console.log(`Building the ${platform} mini-program: ${reason} (about 15 s)…`)
      await buildMini(root, platform)
    }
  }
  const dir = join(miniDistRoot(root), platform)
  if (!existsSync(join(dir, 'app.js'))) throw new Error(`no mini-program build at ${dir}`)
  return dir
}
