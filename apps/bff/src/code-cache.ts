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
