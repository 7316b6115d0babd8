/**
 * Decides whether the H5 store build is missing or older than its sources, and rebuilds it with
 * Taro's own progress output.
 */
import { staleReason } from './build-staleness'
import { runToEnd } from './processes'

const SOURCES = [
  'apps/miniapp/src',
  'apps/miniapp/config',
  'apps/miniapp/package.json',
  'apps/miniapp/babel.config.js',
  'packages/contracts/src',
]

/** The reason the H5 build must be (re)made, or undefined when `dist/h5` is up to date. */
export function h5BuildStaleReason(root: string): string | undefined {
  return staleReason(root, {
    name: 'H5 store',
    built: 'apps/miniapp/dist/h5/index.html',
    sources: SOURCES,
  })
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
