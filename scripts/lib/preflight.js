// @ts-check
/**
 * Runs before `pnpm start` and `pnpm test` (see package.json): plain Node with no dependency, so on
 * a machine where the set-up did not run (or ran under another Node) the user reads one line
 * saying what to run instead of a module-not-found or dlopen stack trace.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteLoadProblem } from './native-addon-check.js'

// Not import.meta.dirname: a Node too old for it must still get the version message below.
const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)

/** @param {string} line */
function stop(line) {
  console.error(`${line} Run \`npm run setup\` (in ${root}), then this command again.`)
  process.exit(1)
}

// package.json engines: ">=20.19 <21 || >=22".
if (!((major === 20 && minor >= 19) || major >= 22)) {
  console.error(`Node ${process.version} is too old: this project needs Node 20.19+ or 22+.`)
  process.exit(1)
}
if (!existsSync(join(root, 'node_modules/.bin/tsx'))) {
  stop('The workspace is not installed (no node_modules/.bin/tsx).')
}
const sqlite = sqliteLoadProblem(root)
if (sqlite !== undefined) stop(`${sqlite}.`)
