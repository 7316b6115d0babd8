/**
 * Decides whether the H5 store build is missing or older than its sources, and rebuilds it with
 * Taro's own progress output.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { runToEnd } from './processes'

const SOURCES = [
  'apps/miniapp/src',
  'apps/miniapp/config',
  'apps/miniapp/package.json',
  'apps/miniapp/babel.config.js',
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

/** The reason the H5 build must be (re)made, or undefined when `dist/h5` is up to date. */
export function h5BuildStaleReason(root: string): string | undefined {
  const built = join(root, 'apps/miniapp/dist/h5/index.html')
  if (!existsSync(built)) return 'the H5 store has not been built yet'
  const builtAt = statSync(built).mtimeMs
  const newest = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))))
  return newest > builtAt ? 'the store sources changed since the last build' : undefined
}

/** Builds the H5 store (`pnpm build:h5`), streaming Taro's progress; throws on failure. */
export async function buildH5(root: string): Promise<void> {
  // A production build whatever the caller's NODE_ENV (vitest sets `test`, which makes Taro's
  // Babel emit @babel/runtime helpers that workspace packages cannot resolve).
  const code = await runToEnd('build:h5', 'pnpm', ['build:h5'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    // In a terminal Taro draws its own progress bar; in a pipe (CI, tests) lines are prefixed.
    inheritOutput: process.stdout.isTTY,
  })
  if (code !== 0) throw new Error(`pnpm build:h5 failed with exit code ${code}`)
}
