/**
 * `pnpm start`: the demo with no secrets and no network (scripts/lib/demo-stack.ts). The BFF and
 * the simulator run compiled (apps/bff/dist, packages/simulator/dist) when both builds are newer
 * than their sources, and from their TypeScript sources through tsx otherwise; the first line
 * says which. `pnpm serve` builds what is stale and always runs the compiled servers.
 */
import { resolve } from 'node:path'

import { runDemo } from './lib/demo-stack'
import { serverBuildsStaleReason } from './lib/server-build'

const root = resolve(import.meta.dirname, '..')
const stale = serverBuildsStaleReason(root)
console.log(
  stale === undefined
    ? 'Running the compiled BFF and simulator (apps/bff/dist, packages/simulator/dist).'
    : `Running the BFF and simulator from their TypeScript sources through tsx: ${stale} (\`pnpm serve\` builds and runs the compiled ones).`,
)
await runDemo(root, stale === undefined ? 'compiled' : 'tsx')
