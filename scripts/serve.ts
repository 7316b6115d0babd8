/**
 * `pnpm serve`: the demo (scripts/lib/demo-stack.ts) on the compiled BFF and simulator, the way
 * they run in production (`node apps/bff/dist/main.js`): builds whichever of the two is missing or
 * older than its sources first (`pnpm build:server`, esbuild, a few seconds), then runs them with
 * plain `node`, supervised like `pnpm start`.
 */
import { resolve } from 'node:path'

import { runDemo } from './lib/demo-stack'
import { buildStaleServers } from './lib/server-build'

const root = resolve(import.meta.dirname, '..')
await buildStaleServers(root)
console.log('Running the compiled BFF and simulator (apps/bff/dist, packages/simulator/dist).')
await runDemo(root, 'compiled')
