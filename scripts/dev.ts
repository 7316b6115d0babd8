/**
 * `pnpm dev`: watch mode. The simulator and the BFF restart on change (node --watch), Taro
 * rebuilds the H5 store into apps/miniapp/dist/h5, which the BFF serves at `/`, and Vite rebuilds
 * the merchant console into apps/console/dist, served at `/console/`. The Content-Security-Policy
 * is only reported here: the watch build's tooling would break under it.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { buildConsole, consoleBuildStaleReason } from './lib/console-build'
import { demoEnvironment } from './lib/demo-environment'
import { startChild, stopAll, waitForOk } from './lib/processes'

const root = resolve(import.meta.dirname, '..')
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'))
const env = { ...demoEnvironment(root, process.env), CONTENT_SECURITY_POLICY: 'report-only' }

async function shutdown(): Promise<never> {
  console.log('\nStopping…')
  await stopAll()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

// The BFF mounts /console/ only if the build exists when it starts; the watcher keeps it fresh.
if (consoleBuildStaleReason(root) !== undefined) await buildConsole(root)
startChild('console', 'pnpm', ['--filter', '@quickpay/console', 'dev'], { cwd: root, env })
startChild('h5', 'pnpm', ['--filter', '@quickpay/miniapp', 'dev:h5'], { cwd: root, env })
startChild(
  'simulator',
  process.execPath,
  ['--watch', '--import', 'tsx', 'packages/simulator/src/main.ts'],
  {
    cwd: root,
    env,
  },
)
await waitForOk(`${env.SIMULATOR_URL}/__sim/stats`, 30_000)
startChild('bff', process.execPath, ['--watch', '--import', 'tsx', 'apps/bff/src/main.ts'], {
  cwd: root,
  env,
})
await waitForOk(`${env.BFF_URL}/readyz`, 60_000)
console.log(
  `\nDev servers up: store ${env.BFF_URL}/ (rebuilt on change), simulator ${env.SIMULATOR_URL}. Ctrl-C stops all.`,
)
