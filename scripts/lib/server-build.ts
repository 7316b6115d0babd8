/**
 * The compiled BFF and simulator (apps/bff/dist, packages/simulator/dist, bundled by esbuild
 * through scripts/lib/server-bundle.js): whether each build is missing or older than its sources,
 * how to (re)build them, and the command that runs a server either compiled (`node dist/main.js`)
 * or from its TypeScript sources (`node --import tsx src/main.ts`).
 */
import { staleReason } from './build-staleness'
import { runToEnd } from './processes'

/** The two servers `pnpm start` and `pnpm serve` run. */
export type ServerName = 'bff' | 'simulator'

const SERVERS: Record<
  ServerName,
  { name: string; dir: string; filter: string; sources: readonly string[] }
> = {
  bff: {
    name: 'compiled BFF',
    dir: 'apps/bff',
    filter: '@quickpay/bff',
    sources: [
      'apps/bff/src',
      'apps/bff/package.json',
      'apps/bff/esbuild.config.js',
      'packages/contracts/src',
      'packages/lianke/src',
      'scripts/lib/server-bundle.js',
      'scripts/lib/code-cache-loader.js',
      'pnpm-lock.yaml',
    ],
  },
  simulator: {
    name: 'compiled simulator',
    dir: 'packages/simulator',
    filter: '@quickpay/simulator',
    sources: [
      'packages/simulator/src',
      'packages/simulator/package.json',
      'packages/simulator/esbuild.config.js',
      'packages/contracts/src',
      'scripts/lib/server-bundle.js',
      'pnpm-lock.yaml',
    ],
  },
}

/** Why `server`'s dist must be (re)built, or undefined when it is newer than all its sources. */
export function serverBuildStaleReason(root: string, server: ServerName): string | undefined {
  const { name, dir, sources } = SERVERS[server]
  // build-info.json is written after main.js: its time is the build's.
  return staleReason(root, { name, built: `${dir}/dist/build-info.json`, sources })
}

/** Why either server's build is stale, or undefined when both are fresh. */
export function serverBuildsStaleReason(root: string): string | undefined {
  return serverBuildStaleReason(root, 'bff') ?? serverBuildStaleReason(root, 'simulator')
}

/** Builds every stale server (a few seconds each); throws on failure. */
export async function buildStaleServers(root: string): Promise<void> {
  for (const server of Object.keys(SERVERS) as ServerName[]) {
    const reason = serverBuildStaleReason(root, server)
    if (reason === undefined) continue
    console.log(`Building the ${SERVERS[server].name}: ${reason}…`)
    const code = await runToEnd(
      `build:${server}`,
      'pnpm',
      ['--filter', SERVERS[server].filter, 'build'],
      {
        cwd: root,
      },
    )
    if (code !== 0)
      throw new Error(`the ${SERVERS[server].name} build failed with exit code ${code}`)
  }
}

/** The arguments of `node` that run `server`: compiled JavaScript, or the sources through tsx. */
export function serverArgs(server: ServerName, runtime: 'compiled' | 'tsx'): string[] {
  const { dir } = SERVERS[server]
  return runtime === 'compiled'
    ? [`${dir}/dist/main.js`]
    : ['--import', 'tsx', `${dir}/src/main.ts`]
}
