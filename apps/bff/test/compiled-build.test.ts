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

/** The text of dist/main.js and of every chunk it imports statically: what `node` reads at start. */
function readAtStart(): string {
  const texts: string[] = []
  const files = [COMPILED_MAIN]
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    texts.push(text)
    for (const [, chunk] of text.matchAll(/(?:from |import )"\.\/([^"]+\.js)";$/gm)) {
      const path = join(dirname(COMPILED_MAIN), chunk ?? '')
      if (!files.includes(path)) files.push(path)
    }
  }
  return texts.join('\n')
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
      /from "better-sqlite3"|import\("better-sqlite3"\)|require\("better-sqlite3"\)/,
    )
    expect(bundle).not.toContain('@quickpay/contracts')
    expect(bundle).not.toContain('tsx/esm')
  })

  // Issue #15 (compiled start-up): what only a later request needs is a chunk of its own, read on
  // its first import() rather than parsed and run before /readyz.
  it('leaves pg, alipay-sdk, ioredis and zod-openapi out of what it reads at start', () => {
    const bundle = readAtStart()
    expect(bundle).not.toMatch(/from "pg"|import\("pg"\)/)
    expect(bundle).not.toMatch(/node_modules\/(alipay-sdk|ioredis|zod-openapi)\//)
    expect(bundle).toMatch(/node_modules\/kysely\//)
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
