/**
 * `require` over a built mini-program folder, as the platforms load it: each file once, wrapped
 * in a function of `require`, `module` and `exports`, evaluated in the engine's context under its
 * own file name so stack traces point into the build.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'

import type { Engine } from './engine-context'

interface ModuleRecord {
  exports: unknown
}

/** Loads files of `distDir` into `engine`; `onLoad` hears each file's path (relative) before it runs. */
export function createDistRequire(
  engine: Engine,
  distDir: string,
  onLoad: (file: string) => void,
): (file: string) => unknown {
  const cache = new Map<string, ModuleRecord>()
  const load = (absolute: string): unknown => {
    const cached = cache.get(absolute)
    if (cached !== undefined) return cached.exports
    if (!existsSync(absolute))
      throw new Error(`module "${relative(distDir, absolute)}" is not defined`)
    const record: ModuleRecord = { exports: {} }
    cache.set(absolute, record)
    const file = relative(distDir, absolute)
    onLoad(file)
    // WeChat and Alipay wrap each file the same way (`define(path, function (require, module,
    // exports) {…})`); the platforms' extra parameters that hide browser globals are not needed
    // because the context has none of them.
    const wrapped = engine.run(
      `(function (require, module, exports) {${readFileSync(absolute, 'utf8')}\n})`,
      join(distDir, file),
    ) as (req: (path: string) => unknown, module: ModuleRecord, exports: unknown) => void
    const localRequire = (path: string) => load(resolve(dirname(absolute), path))
    wrapped.call(undefined, localRequire, record, record.exports)
    return record.exports
  }
  return (file) => load(resolve(distDir, file))
}

function resolve(from: string, path: string): string {
  const joined = normalize(join(from, path))
  return joined.endsWith('.js') ? joined : `${joined}.js`
}
