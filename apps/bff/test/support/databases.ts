import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pg from 'pg'

/** A database engine a test file runs against. */
export type TestDatabaseKind = 'sqlite' | 'postgres'

/**
 * The engines of this run: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set
 * (e.g. postgres://postgres@127.0.0.1:5432/test).
 */
export const TEST_DATABASES: TestDatabaseKind[] =
  process.env.TEST_DATABASE_URL === undefined || process.env.TEST_DATABASE_URL === ''
    ? ['sqlite']
    : ['sqlite', 'postgres']

/** A fresh, empty database and how to throw it away. */
export interface FreshDatabase {
  url: string
  drop(): Promise<void>
}

/** Creates an empty database: a SQLite file in a new temp folder, or `CREATE DATABASE bff_t_<random>`. */
export async function freshDatabase(kind: TestDatabaseKind): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bff-test-'))
    return {
      url: `file:${join(dir, 'nested', 'bff.sqlite')}`,
      drop: () => {
        rmSync(dir, { recursive: true, force: true })
        return Promise.resolve()
      },
    }
  }
  const admin = process.env.TEST_DATABASE_URL ?? ''
  const name = `bff_t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: admin })
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.end()
    },
  }
}
