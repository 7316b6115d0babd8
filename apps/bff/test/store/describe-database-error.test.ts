import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { SIMULATOR_DEFAULTS } from '@quickpay/simulator'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'

import { describeDatabaseError } from '../../src/store/describe-database-error'

const PASSWORD = 'canary-password-never-printed'
const dir = mkdtempSync(join(tmpdir(), 'bff-db-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Starts the real BFF entry with `DATABASE_URL` and resolves with its exit code and output. */
function startBff(
  databaseUrl: string,
): Promise<{ code: number | null; stderr: string; all: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      NOTIFY_SECRET: 'db-error-test-notify-secret-0123456789',
      ADMIN_TOKEN: 'db-error-test-admin-token-0123456789',
      WECHAT_MINIPROGRAM_SECRET: SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
      WECHAT_OA_SECRET: SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let all = ''
  child.stdout.on('data', (chunk: Buffer) => (all += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    all += chunk.toString()
  })
  // A BFF that starts anyway would listen forever: end it so the assertion below fails cleanly.
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard)
      resolve({ code, stderr, all })
    }),
  )
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Exit 1 with exactly one line on stderr, no stack trace, no password. */
function expectOneLine(result: { code: number | null; stderr: string; all: string }): string {
  expect(result.code).toBe(1)
  const lines = result.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(result.all).not.toMatch(/^\s+at /m)
  expect(result.all).not.toContain(PASSWORD)
  return lines[0] ?? ''
}

describe('the BFF started on a database it cannot use (issue 16)', () => {
  it('says in one line that nothing answers at an unreachable PostgreSQL host and port', async () => {
    const port = await closedPort()
    const line = expectOneLine(await startBff(`postgres://shop:${PASSWORD}@127.0.0.1:${port}/shop`))
    expect(line).toBe(
      `BFF cannot start: Nothing answers at 127.0.0.1:${port} (connection refused): start PostgreSQL there, or fix the host and port in DATABASE_URL.`,
    )
  })

  it('says in one line that a SQLite path cannot be created, naming the path', async () => {
    const notAFolder = join(dir, 'a-file')
    writeFileSync(notAFolder, 'not a folder')
    const line = expectOneLine(await startBff(`file:${join(notAFolder, 'data', 'bff.sqlite')}`))
    expect(line).toContain(
      `Cannot create the SQLite database ${join(notAFolder, 'data', 'bff.sqlite')}`,
    )
    expect(line).toContain('set DATABASE_URL=file:<a writable path>')
  })

  it('says in one line that a SQLite file is not a database', async () => {
    const notADatabase = join(dir, 'not-a-database.sqlite')
    writeFileSync(notADatabase, 'x'.repeat(4096))
    const line = expectOneLine(await startBff(`file:${notADatabase}`))
    expect(line).toContain(`${notADatabase} is not a usable SQLite database (SQLITE_NOTADB)`)
  })

  // Needs a real server; CI and anyone with TEST_DATABASE_URL run it.
  const serverUrl = process.env.TEST_DATABASE_URL
  if (serverUrl !== undefined) {
    it('says in one line that the PostgreSQL database does not exist and how to create it', async () => {
      const url = new URL(serverUrl)
      url.password = PASSWORD
      url.pathname = '/quickpay_no_such_database'
      const line = expectOneLine(await startBff(url.toString()))
      expect(line).toMatch(/has no database "quickpay_no_such_database": create it \(createdb -h /)
    })
  }
})

describe('describeDatabaseError', () => {
  it('names the user whose password PostgreSQL refused, without the password', () => {
    const refused = new pg.DatabaseError(
      'password authentication failed for user "shop"',
      0,
      'error',
    )
    refused.code = '28P01'
    const line = describeDatabaseError(refused, `postgres://shop:${PASSWORD}@db.internal:6432/shop`)
    expect(line).toBe(
      'PostgreSQL at db.internal:6432 refused the password of user "shop": fix the user and password in DATABASE_URL.',
    )
  })

  it('leaves errors that are not about the database to the normal crash report', () => {
    const keyFile = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      path: '/etc/keys/alipay.pem',
    })
    expect(describeDatabaseError(keyFile, 'file:/var/lib/bff/bff.sqlite')).toBeUndefined()
    expect(describeDatabaseError(new TypeError('boom'), 'postgres://x@h/db')).toBeUndefined()
  })
})
