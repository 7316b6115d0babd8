import type { AppDeps } from './app-deps'

/**
 * What the compiled BFF's loader (dist/main.js, written from scripts/lib/code-cache-loader.js)
 * hands `startBff`: whether V8 compiled the bundle from its code cache, and how to write one.
 */
export interface CodeCache {
  /** `used`: read from the cache; `missing` or `rejected` (another build or Node): compiled from source. */
  status: 'used' | 'missing' | 'rejected'
  /** Writes the cache of every function compiled so far, atomically; throws when it cannot. */
  save(): { file: string; bytes: number }
}

/**
 * Writes the V8 code cache of the compiled BFF when it was not used (no cache yet, or one from
 * another build or Node), so that the next start reads its compiled functions instead of
 * compiling them again (docs/performance.md, part 8). Returns after the write; logs either way.
 */
export function saveCodeCache(codeCache: CodeCache, logger: AppDeps['logger']): void {
  if (codeCache.status === 'used') return
  try {
    const { file, bytes } = codeCache.save()
    logger.info({ file, bytes, was: codeCache.status }, 'code cache written')
  } catch (error) {
    logger.warn({ err: error }, 'code cache not written: the next start compiles from source again')
  }
}
