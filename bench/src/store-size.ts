/** Sizes of the built store per target, read from apps/miniapp/dist/<target>. */
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { PATHS } from './paths'

/** The three build targets of the store. */
export const STORE_TARGETS = ['weapp', 'alipay', 'h5'] as const

/** One of STORE_TARGETS. */
export type StoreTarget = (typeof STORE_TARGETS)[number]

/** Total bytes and file count of one target's build, or null when it has not been built. */
export interface StoreSize {
  target: StoreTarget
  bytes: number
  files: number
}

/** The build directory of `target`. */
export function storeDist(target: StoreTarget): string {
  return join(PATHS.miniappDist, target)
}

/** Measures one target's build output; null when the directory is missing or empty. */
export async function measureStoreSize(target: StoreTarget): Promise<StoreSize | null> {
  const size = await measureDirectory(storeDist(target))
  return size === null ? null : { target, ...size }
}

/** The precompressed copies a build may carry beside a file; counting them would count it twice. */
const COMPRESSED_COPY = /\.(br|gz)$/

/**
 * Total bytes and file count under `dir` (the merchant console's build, too), leaving out the
 * `.br` / `.gz` copies of files; null when empty or missing.
 */
export async function measureDirectory(
  dir: string,
): Promise<{ bytes: number; files: number } | null> {
  if (!existsSync(dir)) return null
  let bytes = 0
  let files = 0
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile() || COMPRESSED_COPY.test(entry.name)) continue
    bytes += (await stat(join(entry.parentPath, entry.name))).size
    files += 1
  }
  return files === 0 ? null : { bytes, files }
}
