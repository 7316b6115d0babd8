import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SIMULATOR_DEFAULTS, SIMULATOR_FIXTURES } from '@quickpay/simulator'

import {
  formatDoctorReport,
  runDoctor,
  type DoctorCheckId,
  type DoctorDeps,
} from '../../src/doctor'
import { checkPublicUrl } from '../../src/doctor/check-public-url'
import { resolveDoctorDeps } from '../../src/doctor/doctor-deps'
import { loadEnv } from '../../src/env'
import { freePort } from '../support/bff-process'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

/** Secrets the broken cases plant; none may appear in any report. */
const WRONG_SECRETS = {
  miniprogram: 'wrong-miniprogram-secret-7f3a9c',
  officialAccount: 'wrong-official-account-secret-2b8d1e',
  notify: 'wrongNotifySecret0123456789abcdefXYZ',
}

/** The settings `pnpm start` would give, pointed at a test's BFF, simulator and database. */
function demoSettings(
  app: TestApp,
  database: FreshDatabase,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    PUBLIC_BASE_URL: app.url,
    NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
    ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
    SANDBOX: 'true',
    LIANKE_BASE_URL: `${app.sim.url}/`,
    LIANKE_STORE_NO: SIMULATOR_DEFAULTS.storeNo,
    WECHAT_API_BASE_URL: `${app.sim.url}/`,
    WECHAT_MINIPROGRAM_SECRET: SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
    WECHAT_OA_SECRET: SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
    ALIPAY_GATEWAY_URL: `${app.sim.url}/gateway.do`,
    ALIPAY_PRIVATE_KEY_FILE: SIMULATOR_FIXTURES.alipayAppPrivateKeyPath,
    ALIPAY_PUBLIC_KEY_FILE: SIMULATOR_FIXTURES.alipayPublicKeyPath,
    ...overrides,
  }
}

describe.each(TEST_DATABASES)('pnpm doctor against the simulator (%s)', (kind) => {
  let app: TestApp
  let database: FreshDatabase
  let closedPort: number
  let dir: string
  const outputs: string[] = []

  beforeAll(async () => {
    database = await freshDatabase(kind)
    app = await startTestApp({ db: kind, env: { DATABASE_URL: database.url } })
    closedPort = await freePort()
    dir = mkdtempSync(join(tmpdir(), 'bff-doctor-test-'))
  })

  afterAll(async () => {
    await app.close()
    await database.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  function settings(overrides: Record<string, string> = {}): Record<string, string> {
    return demoSettings(app, database, overrides)
  }

  /** Runs the doctor and answers the ids of its ✗ lines; every report is kept for the secret scan. */
  async function failingLines(
    overrides: Record<string, string> = {},
    deps: DoctorDeps = {},
  ): Promise<DoctorCheckId[]> {
    const report = await runDoctor(loadEnv(settings(overrides)), { timeoutMs: 2000, ...deps })
    const text = formatDoctorReport(report)
    outputs.push(text)
    const failing = report.checks
      .filter((check) => check.status === 'fail')
      .map((check) => check.id)
    expect(report.ok, text).toBe(failing.length === 0)
    return failing
  }

  it('passes against the settings pnpm start uses, with ? only where nothing can be known', async () => {
    const report = await runDoctor(loadEnv(settings()), { timeoutMs: 2000 })
    outputs.push(formatDoctorReport(report))
    expect(report.ok).toBe(true)
    const unknown = report.checks
      .filter((check) => check.status === 'unknown')
      .map((check) => check.id)
    expect(unknown.sort()).toEqual([
      'alipay-user-id',
      'h5-oauth-domain',
      'h5-payment-directory',
      'store-build',
    ])
    expect(formatDoctorReport(report)).toMatch(/^✓ notify-url .*answers exactly "SUCCESS"/m)
  })

  it('turns exactly the broken setting’s line red, one setting at a time', async () => {
    const otherKeys = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    const otherPrivate = join(dir, 'other-private.pem')
    const otherPublic = join(dir, 'other-public.pem')
    const garbage = join(dir, 'garbage.pem')
    writeFileSync(otherPrivate, otherKeys.privateKey)
    writeFileSync(otherPublic, otherKeys.publicKey)
    writeFileSync(garbage, 'not a key\n')
    const closed = `http://127.0.0.1:${closedPort}`

    const cases: [Record<string, string>, DoctorCheckId[]][] = [
      [{ PUBLIC_BASE_URL: closed }, ['notify-url']],
      [{ SANDBOX: 'false' }, ['public-url']],
      [{ NOTIFY_SECRET: WRONG_SECRETS.notify }, ['notify-url']],
      [{ WECHAT_API_BASE_URL: `${closed}/` }, ['wechat-api']],
      [{ WECHAT_MINIPROGRAM_SECRET: WRONG_SECRETS.miniprogram }, ['wechat-miniprogram']],
      [{ WECHAT_MINIPROGRAM_APPID: 'wx9999999999999999' }, ['wechat-miniprogram']],
      [{ WECHAT_OA_SECRET: WRONG_SECRETS.officialAccount }, ['wechat-official-account']],
      [{ WECHAT_OA_APPID: 'wx9999999999999998' }, ['wechat-official-account']],
      [{ ALIPAY_PUBLIC_KEY_FILE: SIMULATOR_FIXTURES.alipayAppPublicKeyPath }, ['alipay-keys']],
      [{ ALIPAY_PRIVATE_KEY_FILE: garbage }, ['alipay-keys']],
      [{ ALIPAY_PRIVATE_KEY_FILE: otherPrivate }, ['alipay-gateway']],
      [{ ALIPAY_PUBLIC_KEY_FILE: otherPublic }, ['alipay-gateway']],
      [{ ALIPAY_APPID: '2021999999999999' }, ['alipay-gateway']],
      [{ ALIPAY_GATEWAY_URL: `${closed}/gateway.do` }, ['alipay-gateway']],
      [{ LIANKE_BASE_URL: `${closed}/` }, ['aggregator']],
      [{ LIANKE_STORE_NO: 'NOSUCHSTORE' }, ['aggregator-store']],
    ]
    for (const [overrides, expected] of cases) {
      expect(await failingLines(overrides), JSON.stringify(overrides)).toEqual(expected)
    }
  })

  it('turns the database lines red one by one: unreachable, not migrated', async () => {
    const missing =
      kind === 'sqlite'
        ? `file:${join(dir, 'absent', 'bff.sqlite')}`
        : database.url.replace(/\/[^/]+$/, '/bff_doctor_absent_db')
    expect(await failingLines({ DATABASE_URL: missing })).toEqual(['database'])

    if (kind === 'sqlite') {
      // The doctor never creates a database; an empty file is what a new deployment has.
      const empty = join(dir, 'empty.sqlite')
      new Sqlite(empty).close()
      expect(await failingLines({ DATABASE_URL: `file:${empty}` })).toEqual(['database-migrated'])
      return
    }
    const empty = await freshDatabase(kind)
    try {
      expect(await failingLines({ DATABASE_URL: empty.url })).toEqual(['database-migrated'])
    } finally {
      await empty.drop()
    }
  })

  it('checks the declared payment directory, the OAuth domain and the built appids when given', async () => {
    const payPage = `${app.url}/pages/pay/`
    const host = new URL(app.url).host
    const weapp = join(dir, 'project.config.json')
    writeFileSync(weapp, JSON.stringify({ appid: 'wx0000000000000001' }))
    const good = await runDoctor(loadEnv(settings()), {
      paymentDirectory: `https://elsewhere.example/, ${payPage}`,
      oauthDomain: host,
      weappProjectConfigPath: weapp,
    })
    const status = (id: DoctorCheckId) => good.checks.find((check) => check.id === id)?.status
    expect([
      status('h5-payment-directory'),
      status('h5-oauth-domain'),
      status('store-build'),
    ]).toEqual(['ok', 'ok', 'ok'])

    expect(
      await failingLines({}, { paymentDirectory: 'https://shop.example.com/pages/pay/' }),
    ).toEqual(['h5-payment-directory'])
    expect(await failingLines({}, { oauthDomain: 'shop.example.com' })).toEqual(['h5-oauth-domain'])
    writeFileSync(weapp, JSON.stringify({ appid: 'wx1234567890abcdef' }))
    expect(await failingLines({}, { weappProjectConfigPath: weapp })).toEqual(['store-build'])
  })

  it('never prints a secret, in any of the reports above', () => {
    expect(outputs.length).toBeGreaterThan(20)
    const keyLines = readFileSync(SIMULATOR_FIXTURES.alipayAppPrivateKeyPath, 'utf8')
      .split('\n')
      .filter((text) => text.length > 20 && !text.includes('-----'))
    const secrets = [
      CANARIES.NOTIFY_SECRET,
      CANARIES.ADMIN_TOKEN,
      SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
      SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
      ...Object.values(WRONG_SECRETS),
      ...keyLines,
    ]
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret)
  })
})

// A read-only database and a skewed clock can only be staged on PostgreSQL (root ignores file
// modes, and SQLite shares the BFF's clock), so this part registers only when PostgreSQL runs.
describe.each(TEST_DATABASES.filter((kind) => kind === 'postgres'))(
  'pnpm doctor on a broken %s',
  (kind) => {
    let app: TestApp
    let database: FreshDatabase

    beforeAll(async () => {
      database = await freshDatabase(kind)
      app = await startTestApp({ db: kind, env: { DATABASE_URL: database.url } })
    })

    afterAll(async () => {
      await app.close()
      await database.drop()
    })

    async function failingLines(
      overrides: Record<string, string> = {},
      deps: DoctorDeps = {},
    ): Promise<DoctorCheckId[]> {
      const report = await runDoctor(loadEnv(demoSettings(app, database, overrides)), {
        timeoutMs: 2000,
        ...deps,
      })
      return report.checks.filter((check) => check.status === 'fail').map((check) => check.id)
    }

    it('turns database-writable red on a read-only database and database-clock red on a skewed clock', async () => {
      const admin = new pg.Client({ connectionString: database.url })
      await admin.connect()
      const name = new URL(database.url).pathname.slice(1)
      try {
        await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`)
        expect(await failingLines()).toEqual(['database-writable'])
      } finally {
        await admin.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`)
        await admin.end()
      }
      expect(await failingLines({}, { now: () => Date.now() - 60_000 })).toEqual(['database-clock'])
    })
  },
)

describe('the public-url line outside sandbox', () => {
  const base = {
    NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
    ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
    WECHAT_MINIPROGRAM_SECRET: 'x',
    WECHAT_OA_SECRET: 'y',
    SANDBOX: 'false',
  }
  const deps = (addresses: string[]) =>
    resolveDoctorDeps({ lookupHost: () => Promise.resolve(addresses) })

  it('passes a public https address and refuses http, private addresses and names that resolve to them', async () => {
    const check = async (url: string, addresses: string[]) =>
      (await checkPublicUrl(loadEnv({ ...base, PUBLIC_BASE_URL: url }), deps(addresses))).status
    expect(await check('https://shop.example.com', ['203.0.113.7'])).toBe('ok')
    expect(await check('http://shop.example.com', ['203.0.113.7'])).toBe('fail')
    expect(await check('https://shop.example.com', ['10.1.2.3'])).toBe('fail')
    expect(await check('https://192.168.1.20', [])).toBe('fail')
    expect(await check('https://[::1]:8443', [])).toBe('fail')
    expect(await check('https://localhost', [])).toBe('fail')
  })

  it('says a host that does not resolve is unreachable', async () => {
    const env = loadEnv({ ...base, PUBLIC_BASE_URL: 'https://shop.example.com' })
    const check = await checkPublicUrl(
      env,
      resolveDoctorDeps({ lookupHost: () => Promise.reject(new Error('ENOTFOUND')) }),
    )
    expect(check.status).toBe('fail')
    expect(check.detail).toContain('does not resolve')
  })
})
