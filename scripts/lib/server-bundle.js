/**
 * Bundles a Node server into `<package>/dist` with esbuild, in one of two forms:
 * - `bundleServer` (the simulator): ES modules, `main.js` plus a chunk for each module the
 *   sources load with `import()`;
 * - `bundleServerWithCodeCache` (the BFF): one CommonJS bundle, `server.cjs`, that `main.js` runs
 *   through V8's code cache (scripts/lib/code-cache-loader.js).
 * The workspace packages it imports (@quickpay/contracts, @quickpay/lianke, which ship TypeScript
 * sources) and its plain-JavaScript dependencies are bundled in; native or file-resolving
 * dependencies listed in `external` (better-sqlite3, pg) stay in node_modules and are imported at
 * run time. Plain JavaScript so that `pnpm build` needs no tsx.
 *
 * Runtime files are resolved from `import.meta.url`, which in the bundle is a file directly in
 * `dist/`: one folder below the package, like a module directly under `src/`, so a path such as
 * `../fixtures/…` written there means the same folder from both.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { build } from 'esbuild'

/** What the bundle's modules need to call CommonJS `require` and see `__dirname` in ESM. */
const ESM_SHIMS = [
  "import { createRequire as __createRequire } from 'node:module'",
  "import { fileURLToPath as __fileURLToPath } from 'node:url'",
  "import { dirname as __pathDirname } from 'node:path'",
  'const require = __createRequire(import.meta.url)',
  'const __filename = __fileURLToPath(import.meta.url)',
  'const __dirname = __pathDirname(__filename)',
].join('\n')

/**
 * Builds `<packageDir>/<entry>` into `<packageDir>/dist/main.js` (with a source map and
 * `dist/build-info.json`: when and from what); throws on a build error.
 */
export async function bundleServer({ packageDir, entry, external }) {
  const outdir = join(packageDir, 'dist')
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: { main: entry },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Every `import()` of a bundled module becomes a chunk of its own (dist/<name>-<hash>.js, next
    // to main.js so that `import.meta.url` names the same folder), read only when first imported:
    // what a server needs only on some later request is not parsed at start-up (see Start-up in
    // docs/performance.md).
    splitting: true,
    chunkNames: '[name]-[hash]',
    // Whitespace only (names and code stay as written): a third less text for node to read and
    // parse at start (see Start-up in docs/performance.md); stack positions map back through the
    // linked source map (`node --enable-source-maps`).
    minifyWhitespace: true,
    sourcemap: 'linked',
    external,
    banner: { js: ESM_SHIMS },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  })
  const inputs = writeBuildInfo(outdir, result, { entry, external })
  const kib = (files) =>
    (files.reduce((sum, file) => sum + result.metafile.outputs[file].bytes, 0) / 1024).toFixed(0)
  const atStart = startupFiles(result.metafile.outputs, 'dist/main.js')
  const onDemand = Object.keys(result.metafile.outputs).filter(
    (file) => file.endsWith('.js') && !atStart.includes(file),
  )
  console.log(
    `built ${join(packageDir, 'dist/main.js')}: ${inputs} modules, ${kib(atStart)} KiB read at start` +
      ` (${atStart.length} files), ${kib(onDemand)} KiB on demand (${onDemand.length} files)`,
  )
}

/** `entry` and every output file it imports statically, directly or not (what `node` reads at start). */
function startupFiles(outputs, entry) {
  const files = [entry]
  for (const file of files) {
    for (const { path, kind } of outputs[file].imports) {
      if (kind === 'import-statement' && path in outputs && !files.includes(path)) files.push(path)
    }
  }
  return files
}

/** Writes `dist/build-info.json` (when and from what it was built); answers the module count. */
function writeBuildInfo(outdir, result, { entry, external }) {
  const inputs = Object.keys(result.metafile.inputs).length
  writeFileSync(
    join(outdir, 'build-info.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), entry, inputs, external }, null, 2)}\n`,
  )
  return inputs
}

/**
 * Builds `<packageDir>/<entry>` into one CommonJS bundle, `dist/server.cjs`, started by
 * `dist/main.js`, a copy of scripts/lib/code-cache-loader.js that runs it through V8's code cache
 * (see that file). `entry` must export `start(codeCache)` and must not use top-level `await`.
 *
 * There is one file, not chunks: what a request needs only sometimes is still neither compiled
 * nor run at start (esbuild turns each `import()` into a call that runs that module on first use,
 * and V8 compiles a function when it first runs), and the packages in `onDemand` stay in
 * node_modules, required on first use. `import.meta.url` and `import.meta.dirname` name the
 * bundle, which sits where `dist/main.js` does.
 */
export async function bundleServerWithCodeCache({ packageDir, entry, external, onDemand }) {
  const outdir = join(packageDir, 'dist')
  const outside = [...external, ...onDemand]
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: [entry],
    outfile: join(outdir, 'server.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // `import()` becomes a `require` run on first use, inside the bundle or from node_modules.
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // As in bundleServer: names and code stay as written, stack positions map back.
    minifyWhitespace: true,
    sourcemap: 'linked',
    external: outside,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  })
  copyFileSync(new URL('./code-cache-loader.js', import.meta.url), join(outdir, 'main.js'))
  const inputs = writeBuildInfo(outdir, result, { entry, external: outside })
  const kib = (result.metafile.outputs['dist/server.cjs'].bytes / 1024).toFixed(0)
  console.log(
    `built ${join(packageDir, 'dist/main.js')}: ${inputs} modules in server.cjs (${kib} KiB),` +
      ` run through V8's code cache; from node_modules on first use: ${onDemand.join(', ')}`,
  )
}
