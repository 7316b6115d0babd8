import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COMPILED_MAIN, startBffProcess, type BffProcess } from './support/bff-process'
import { freshDatabase, type FreshDatabase } from './support/databases'
import { create, login, orderNoOf } from './faults/fault-kit'

const BFF_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')

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
    bff = await startBffProcess({ databaseUrl: database.url, sim, compiled: true })
  }, 60_000)
  afterAll(async () => {
    await bff?.stop()
    await sim?.close()
    await database?.drop()
  })

  it('is one bundle that leaves the native driver and pino outside and tsx out', () => {
    const bundle = readFileSync(COMPILED_MAIN, 'utf8')
    expect(bundle).toMatch(
      /from "better-sqlite3"|import\("better-sqlite3"\)|require\("better-sqlite3"\)/,
    )
    expect(bundle).not.toContain('@quickpay/contracts')
    expect(bundle).not.toContain('tsx/esm')
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
})
