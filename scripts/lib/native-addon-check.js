// @ts-check
/**
 * Whether the BFF's native SQLite driver (better-sqlite3) loads in the running Node. Plain Node with
 * no dependency, so `npm run setup` and the `pnpm start` / `pnpm test` preflight can both call it
 * before anything else of the workspace is known to work.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/**
 * Loads better-sqlite3 as the BFF resolves it and opens an in-memory database; answers undefined
 * when that works, or one line saying what is wrong (not installed, built for another Node, …).
 *
 * @param {string} root the repository root
 * @returns {string | undefined}
 */
export function sqliteLoadProblem(root) {
  const bff = join(root, 'apps/bff/package.json')
  if (!existsSync(join(root, 'apps/bff/node_modules/better-sqlite3'))) {
    return 'better-sqlite3 is not installed'
  }
  try {
    const Database = /** @type {new (path: string) => { close(): void }} */ (
      createRequire(bff)('better-sqlite3')
    )
    new Database(':memory:').close()
    return undefined
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Node says "compiled against a different Node.js version using NODE_MODULE_VERSION 115 …".
    const abi = /NODE_MODULE_VERSION (\d+)/.exec(message)
    if (abi !== null) {
      return `better-sqlite3 was built for another Node.js (ABI ${abi[1]}; this is Node ${process.version}, ABI ${process.versions.modules})`
    }
    return `better-sqlite3 does not load: ${message.split('\n')[0] ?? message}`
  }
}
