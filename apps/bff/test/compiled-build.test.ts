import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { SIMULATOR_FIXTURES, startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COMPILED_MAIN, startBffProcess, type BffProcess } from './support/bff-process'
import { freshDatabase, type FreshDatabase } from './support/databases'
import { create, login, orderNoOf } from './faults/fault-kit'

const BFF_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** dist/main.js and every chunk it imports statically: the files `node` reads at start. */
function filesReadAtStart(): string[] {
  const files = [COMPILED_MAIN]
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const [, chunk] of text.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      const path = join(dirname(COMPILED_MAIN), chunk ?? '')
      if (!files.includes(path)) files.push(path)
    }
  }
  return files
}

/** The text of the files read at start. */
function readAtStart(): string {
  return filesReadAtStart()
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
}

/** The source files bundled into the files read at start, from their source maps. */
function sourcesReadAtStart(): string[] {
  return filesReadAtStart().flatMap(
    (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
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

  it('is a bundle that leaves the native driver and pino outside and tsx out', () => {
    const bundle = readAtStart()
    expect(bundle).toMatch(
      /from\s*"better-sqlite3"|import\("better-sqlite3"\)|require\("better-sqlite3"\)/,
    )
    expect(bundle).not.toContain('@quickpay/contracts')
    expect(bundle).not.toContain('tsx/esm')
  })

  // Issue #15 (compiled start-up): what only a later request needs is a chunk of its own, read on
  // its first import() rather than parsed and run before /readyz.
  it('leaves pg, alipay-sdk, ioredis, zod-openapi, undici and the body parser out of what it reads at start', () => {
    expect(readAtStart()).not.toMatch(/from\s*"pg"|import\("pg"\)/)
    const sources = sourcesReadAtStart()
    expect(
      sources.filter((source) =>
        /\/(alipay-sdk|ioredis|zod-openapi|undici|@koa\+bodyparser|co-body|iconv-lite)@/.test(
          source,
        ),
      ),
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

  it('loads its on-demand chunks when first asked: an Alipay login and the OpenAPI document', async () => {
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
})
