/** Decides whether a build output is missing or older than the sources it is made from. */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/**
 * Why `built` (a file the build writes last, relative to `root`) must be made again, or undefined
 * when it is newer than every one of `sources` (files or folders, relative to `root`).
 */
export function staleReason(
  root: string,
  what: { name: string; built: string; sources: readonly string[] },
): string | undefined {
  const built = join(root, what.built)
  if (!existsSync(built)) return `${what.name} has not been built yet`
  const builtAt = statSync(built).mtimeMs
  const newest = Math.max(...what.sources.map((source) => newestMtime(join(root, source))))
  return newest > builtAt ? `the ${what.name} sources changed since the last build` : undefined
}
