/**
 * PostgreSQL for the bench's PostgreSQL rows: a fresh database per run (`CREATE DATABASE
 * bench_<random>` on the server of BENCH_DATABASE_URL, else TEST_DATABASE_URL), dropped at the
 * end. When neither is set or the server does not answer, the reason is returned so that the
 * report says in one line why the rows are missing.
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'

/** A fresh database and how to throw it away. */
export interface BenchDatabase {
  /** `postgres://…/bench_<random>` (credentials, if any, as in the admin URL). */
  url: string
  drop(): Promise<void>
}

/** The admin URL the bench uses, or null when none is configured. */
export function postgresAdminUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL
  return url === undefined || url === '' ? null : url
}

async function run(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Creates an empty database on the server of `adminUrl`. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(6).toString('hex')}`
  await run(adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/** A URL without its password, for logs and the report. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url)
  if (parsed.password !== '') parsed.password = '***'
  return parsed.toString()
}
