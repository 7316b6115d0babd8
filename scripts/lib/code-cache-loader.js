/**
 * The compiled BFF's `dist/main.js` (copied there by scripts/lib/server-bundle.js): it runs the
 * CommonJS bundle `dist/server.cjs` through V8's code cache, `dist/server.cjs.cache`.
 *
 * Node 20 keeps no compiled code between runs of an ES module, so every start compiled the whole
 * bundle again. A script compiled through `node:vm` can hand V8 the code an earlier run produced
 * (`cachedData`), and V8 then skips compiling every function the cache holds; it checks that the
 * cache was made from the same source by the same V8 with the same flags, and otherwise rejects
 * it and compiles as usual. Node 22 offers the same for every module (`module.enableCompileCache`).
 *
 * The bundle exports `start(codeCache)`; `codeCache.save()` writes the cache of everything
 * compiled by then, so the server calls it once it is listening when the cache was missing or
 * rejected (docs/performance.md, part 8).
 *
 * Node maps stack traces through source maps (`node --enable-source-maps`) only for what its own
 * loaders compiled, so with source maps on, the bundle is `require`d as usual: mapped traces, no
 * code cache (`start()` gets no `codeCache`).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'

const filename = join(import.meta.dirname, 'server.cjs')
const cacheFile = `${filename}.cache`

/** The file's bytes, or undefined when it does not exist (any other error is thrown). */
function readIfPresent(file) {
  try {
    return readFileSync(file)
  } catch (error) {
    if (error.code === 'ENOENT') return undefined
    throw error
  }
}

if (process.sourceMapsEnabled) {
  await createRequire(import.meta.url)(filename).start()
} else {
  await startFromCodeCache()
}

/** Compiles the bundle with the cache when there is one, and starts it. */
async function startFromCodeCache() {
  const cachedData = readIfPresent(cacheFile)
  // The wrapper Node puts around a CommonJS module, on the bundle's first line so that the line
  // numbers of stack traces are the bundle's own.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) { ${readFileSync(filename, 'utf8')}\n})`,
    { filename, cachedData },
  )
  const status =
    cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used'

  const module = { exports: {} }
  script.runInThisContext()(
    module.exports,
    createRequire(filename),
    module,
    filename,
    dirname(filename),
  )

  await module.exports.start({
    status,
    save() {
      const data = script.createCachedData()
      // Written whole under another name, then renamed: another instance starting from the same
      // folder never reads half a cache.
      const partial = `${cacheFile}.${process.pid}.partial`
      try {
        writeFileSync(partial, data)
        renameSync(partial, cacheFile)
      } catch (error) {
        rmSync(partial, { force: true })
        throw error
      }
      return { file: cacheFile, bytes: data.length }
    },
  })
}
