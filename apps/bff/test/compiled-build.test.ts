import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { SIMULATOR_FIXTURES, startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COMPILED_MAIN, startBffProcess, type BffProcess } from './support/bff-process'
import { freshDatabase, type FreshDatabase } from './support/databases'
import { create, login, orderNoOf } from './faults/fault-kit'

const BFF_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The files `node` reads at start: the loader, dist/main.js, and the bundle it runs. */
function filesReadAtStart(): string[] {
  return [COMPILED_MAIN, join(dirname(COMPILED_MAIN), 'server.cjs')]
}

/** The text of the files read at start. */
function readAtStart(): string {
  return filesReadAtStart()
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
}

/** The source files bundled into the files read at start, from their source maps. */
function sourcesReadAtStart(): string[] {
  return filesReadAtStart().flatMap((file) =>
    existsSync(`${file}.map`)
      ? (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources
      : [],
  )
}

// `pnpm --filter @quickpay/bff build` (esbuild, a few seconds), then the bundle run with plain
// `node`: migrations, the catalogue seed, the bundled workspace packages (contracts, the lianke
// SDK) and the external native driver must all work from dist/ without tsx.
describe('the compiled BFF (dist/main.js)', () => {
  let sim: RunningSimulator
  let database: FreshDatabase
  let bff: BffProcess

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['esbuild.config.js'], { cwd: BFF_DIR })
    sim = await startSimulator({ port: 0, timeScale: 100 })
    database = await freshDatabase('sqlite')
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim,
      compiled: true,
      env: {
        // The start-up lines that say whether the code cache was used and written.
        LOG_LEVEL: 'info',
        ALIPAY_PRIVATE_KEY_FILE: SIMULATOR_FIXTURES.alipayAppPrivateKeyPath,
        ALIPAY_PUBLIC_KEY_FILE: SIMULATOR_FIXTURES.alipayPublicKeyPath,
      },
    })
  }, 60_000)
  afterAll(async () => {
    await bff?.stop()
    await sim?.close()
    await database?.drop()
  })

  it('is a bundle that leaves the native driver outside, pino inside and tsx out', () => {
    const bundle = readAtStart()
    expect(bundle).toMatch(
      /from\s*"better-sqlite3"|import\("better-sqlite3"\)|require\("better-sqlite3"\)/,
    )
    expect(bundle).not.toContain('@quickpay/contracts')
    expect(bundle).not.toContain('tsx/esm')
    // pino and its destination are bundled (no worker transport is ever started), not resolved
    // from node_modules at start.
    expect(bundle).not.toMatch(/require\("(pino|sonic-boom|thread-stream)"\)/)
    expect(
      sourcesReadAtStart().some((source) => /\/pino@[^/]+\/node_modules\/pino\//.test(source)),
    ).toBe(true)
  })

  // Issue #15 (compiled start-up): what only some later request needs is neither compiled nor run
  // before /readyz. The packages below stay in node_modules, required on first use; what is
  // bundled but needed later (zod-openapi, say, which must share the bundle's zod) runs on its
  // first import().
  it('leaves pg, alipay-sdk, ioredis, undici and the body parser in node_modules, and zod without its locales', () => {
    const bundle = readAtStart()
    for (const name of ['pg', 'alipay-sdk', 'ioredis', 'undici', '@koa/bodyparser']) {
      expect(bundle).toContain(`require("${name}")`)
    }
    const sources = sourcesReadAtStart()
    expect(
      sources.filter((source) =>
        /\/(pg|alipay-sdk|ioredis|undici|@koa\+bodyparser|co-body|iconv-lite)@/.test(source),
      ),
    ).toEqual([])
    // `import { z } from 'zod'` would bundle every locale; `import * as z` keeps English only.
    expect(
      sources.filter((source) => /\/zod@[^/]+\/.*\/locales\/(?!en\.|index\.)/.test(source)),
    ).toEqual([])
    expect(sources.some((source) => source.includes('/kysely@'))).toBe(true)
  })

  it('answers /readyz 200 on a fresh SQLite file, and takes an order through the aggregator', async () => {
    const ready = await fetch(`${bff.url}/readyz`)
    expect(ready.status).toBe(200)
    const products = await fetch(`${bff.url}/api/products`)
    expect(products.status).toBe(200)
    const shopper = await login(bff.url, sim, 'compiled-shopper')
    const answer = await create(bff.url, shopper.token)
    expect(answer.status).toBe(201)
    expect(sim.state.findOrder(orderNoOf(answer))).toBeDefined()
  })

  it('loads what it needs on demand when first asked: an Alipay login and the OpenAPI document', async () => {
    const minted = await fetch(`${sim.url}/__sim/login-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'alipay-miniprogram', user: 'compiled-alipay-shopper' }),
    })
    const { code } = (await minted.json()) as { code: string }
    const session = await fetch(`${bff.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'alipay-miniprogram', code }),
    })
    expect(session.status).toBe(201)
    const document = await fetch(`${bff.url}/openapi.json`)
    expect(document.status).toBe(200)
    expect(((await document.json()) as { openapi: string }).openapi).toMatch(/^3\.1/)
  })

  it('writes its V8 code cache on a first start, compiles from it on the next, and replaces one it cannot use', async () => {
    const said = (message: string) =>
      bff.output
        .join('')
        .split('\n')
        .filter((line) => line.includes(`"msg":"${message}"`))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    await expect.poll(() => said('code cache written').length, { timeout: 5000 }).toBe(1)
    expect(said('code cache written')[0]).toMatchObject({
      was: 'missing',
      file: expect.stringMatching(/dist\/server\.cjs\.cache$/) as unknown,
    })
    expect(existsSync(join(dirname(COMPILED_MAIN), 'server.cjs.cache'))).toBe(true)

    await bff.kill('SIGTERM')
    await bff.start()
    expect(said('BFF listening').map((line) => line.codeCache)).toEqual(['missing', 'used'])
    const ready = await fetch(`${bff.url}/readyz`)
    expect(ready.status).toBe(200)
    // Nothing to write when the cache was used.
    expect(said('code cache written')).toHaveLength(1)

    // A cache V8 cannot take (here: not one at all) is rejected, compiled around and replaced.
    writeFileSync(join(dirname(COMPILED_MAIN), 'server.cjs.cache'), randomBytes(4096))
    await bff.kill('SIGTERM')
    await bff.start()
    expect((await fetch(`${bff.url}/readyz`)).status).toBe(200)
    await expect.poll(() => said('code cache written').length, { timeout: 5000 }).toBe(2)
    expect(said('code cache written')[1]).toMatchObject({ was: 'rejected' })

    // Stack traces mapped to the sources need Node's own loader, which takes no code cache.
    await bff.kill('SIGTERM')
    await bff.start({ NODE_OPTIONS: '--enable-source-maps' })
    expect(said('BFF listening').map((line) => line.codeCache)).toEqual([
      'missing',
      'used',
      'rejected',
      'not used',
    ])
    expect((await fetch(`${bff.url}/readyz`)).status).toBe(200)
  })
})
