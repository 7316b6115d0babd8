/**
 * Decides whether the merchant console's build (`apps/console/dist`) is missing or older than its
 * sources, and rebuilds it with `pnpm --filter @quickpay/console build` (a few seconds). The BFF
 * serves the folder at /console/ only if it exists when it starts, so this runs first.
 */
import { staleReason } from './build-staleness'
import { runToEnd } from './processes'

const SOURCES = [
  'apps/console/src',
  'apps/console/index.html',
  'apps/console/vite.config.ts',
  'apps/console/package.json',
  'packages/contracts/src',
]

/** Why `apps/console/dist` must be (re)built, or undefined when it is up to date. */
export function consoleBuildStaleReason(root: string): string | undefined {
  return staleReason(root, {
    name: 'merchant console',
    built: 'apps/console/dist/index.html',
    sources: SOURCES,
  })
}

/** Builds the console (Vite's output shown); throws on failure. */
export async function buildConsole(root: string): Promise<void> {
  const code = await runToEnd('build:console', 'pnpm', ['--filter', '@quickpay/console', 'build'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (code !== 0) throw new Error(`the console build failed with exit code ${code}`)
}
