import { accessSync, constants, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import { sql, type Kysely } from 'kysely'

import type { Env } from '../env'
import { openDatabase, type DatabaseKind } from '../store/open-database'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'
import { referenceMigrations } from './reference-migrations'

/** The largest clock difference with PostgreSQL that is still ✓; expiry and backoff are in seconds. */
export const MAX_CLOCK_SKEW_MS = 2000

/** What the database checks found, and the Alipay payer ids seen in sessions (for the user-id line). */
export interface DatabaseFindings {
  lines: DoctorCheck[]
  /** Payer ids of recent Alipay sessions; undefined when the database could not be read. */
  alipayPayerIds: string[] | undefined
}

const URL_SETTING = ['DATABASE_URL'] as const

class Rollback extends Error {}

function hidePassword(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
}

function notChecked(reason: string): DoctorCheck[] {
  return [
    line('database-migrated', URL_SETTING, 'unknown', `not checked: ${reason}.`),
    line('database-writable', URL_SETTING, 'unknown', `not checked: ${reason}.`),
    line('database-clock', URL_SETTING, 'unknown', `not checked: ${reason}.`),
  ]
}

/**
 * The database behind DATABASE_URL: it answers, carries every migration of this build (the BFF
 * migrates at start, so a missing one means it never started against this database), accepts a
 * write (a table created inside a transaction that is rolled back), and, on PostgreSQL, keeps a
 * clock within MAX_CLOCK_SKEW_MS of this machine's. A SQLite file is not created when absent.
 */
export async function checkDatabase(env: Env, deps: ResolvedDoctorDeps): Promise<DatabaseFindings> {
  const shown = hidePassword(env.DATABASE_URL)
  const sqlitePath = env.DATABASE_URL.startsWith('file:')
    ? resolve(env.DATABASE_URL.slice('file:'.length))
    : undefined
  if (sqlitePath !== undefined && !existsSync(sqlitePath)) {
    return {
      lines: [
        line(
          'database',
          URL_SETTING,
          'fail',
          `there is no SQLite file at ${sqlitePath}.`,
          'Start the BFF once (it creates and migrates the file), or correct DATABASE_URL; relative paths start at the working directory.',
        ),
        ...notChecked('no database'),
      ],
      alipayPayerIds: undefined,
    }
  }
  const { db: typed, kind } = await openDatabase(env.DATABASE_URL, {
    max: 1,
    connectionTimeoutMillis: deps.timeoutMs,
    statementTimeoutMs: deps.timeoutMs,
  })
  const db = typed as unknown as Kysely<unknown>
  try {
    try {
      await sql`select 1`.execute(db)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      return {
        lines: [
          line(
            'database',
            URL_SETTING,
            'fail',
            `${shown} does not answer (${typeof code === 'string' ? code : 'connection failed'}).`,
            'Start the database, check host, port, name, user and password in DATABASE_URL, and that the BFF’s host may connect.',
          ),
          ...notChecked('the database does not answer'),
        ],
        alipayPayerIds: undefined,
      }
    }
    const reachable = line(
      'database',
      URL_SETTING,
      'ok',
      `${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} at ${shown} answers.`,
    )
    const migrated = await checkMigrated(db)
    const writable = await checkWritable(db, kind, sqlitePath)
    const clock = await checkClock(db, kind, deps)
    return {
      lines: [reachable, migrated, writable, clock],
      alipayPayerIds: migrated.status === 'ok' ? await alipayPayerIds(db) : undefined,
    }
  } finally {
    await db.destroy()
  }
}

async function checkMigrated(db: Kysely<unknown>): Promise<DoctorCheck> {
  const expected = await referenceMigrations()
  let present: string[]
  try {
    present = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map(
      (row) => row.name,
    )
  } catch {
    present = []
  }
  const missing = expected.filter((name) => !present.includes(name))
  const unknown = present.filter((name) => !expected.includes(name))
  if (unknown.length > 0) {
    return line(
      'database-migrated',
      URL_SETTING,
      'fail',
      `the database has migrations this BFF does not know (${unknown.join(', ')}): a newer BFF migrated it, and this one would refuse to start.`,
      'Deploy the newer BFF, or restore a backup from before it.',
    )
  }
  if (missing.length > 0) {
    return line(
      'database-migrated',
      URL_SETTING,
      'fail',
      `${missing.length} of ${expected.length} migrations are not applied (${missing.join(', ')}).`,
      'Start the BFF against this database once: it applies its migrations at start-up.',
    )
  }
  return line(
    'database-migrated',
    URL_SETTING,
    'ok',
    `every migration of this BFF is applied (${expected.length}).`,
  )
}

async function checkWritable(
  db: Kysely<unknown>,
  kind: DatabaseKind,
  sqlitePath: string | undefined,
): Promise<DoctorCheck> {
  if (sqlitePath !== undefined) {
    try {
      // SQLite writes its -wal and -shm files next to the database.
      accessSync(dirname(sqlitePath), constants.W_OK)
    } catch {
      return line(
        'database-writable',
        URL_SETTING,
        'fail',
        `the folder ${dirname(sqlitePath)} is not writable, and SQLite keeps its journal there.`,
        'Give the BFF’s user write access to that folder.',
      )
    }
  }
  try {
    await db.transaction().execute(async (tx) => {
      await sql`create table doctor_write_probe (id integer)`.execute(tx)
      await sql`insert into doctor_write_probe (id) values (1)`.execute(tx)
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) {
      const code = (error as { code?: unknown }).code
      return line(
        'database-writable',
        URL_SETTING,
        'fail',
        `a write was refused (${typeof code === 'string' ? code : 'error'}); ${kind === 'postgres' ? 'the server or the user is read-only (a replica, default_transaction_read_only, or missing privileges)' : 'the file is read-only'}.`,
        kind === 'postgres'
          ? 'Point DATABASE_URL at the primary, with a user that owns the BFF’s tables.'
          : 'Make the SQLite file writable by the BFF’s user.',
      )
    }
  }
  return line(
    'database-writable',
    URL_SETTING,
    'ok',
    'a write inside a rolled-back transaction succeeded.',
  )
}

async function checkClock(
  db: Kysely<unknown>,
  kind: DatabaseKind,
  deps: ResolvedDoctorDeps,
): Promise<DoctorCheck> {
  if (kind === 'sqlite')
    return line(
      'database-clock',
      URL_SETTING,
      'ok',
      'SQLite runs inside the BFF, on the same clock.',
    )
  const before = deps.now()
  const rows = await sql<{
    ms: number | string
  }>`select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms`.execute(db)
  const after = deps.now()
  const server = Number(rows.rows[0]?.ms)
  const skew = Math.round(server - (before + after) / 2)
  if (!Number.isFinite(skew) || Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    return line(
      'database-clock',
      URL_SETTING,
      'fail',
      `this machine's clock is ${Math.abs(skew)} ms ${skew > 0 ? 'behind' : 'ahead of'} PostgreSQL's.`,
      'Synchronise both machines with NTP (chrony or systemd-timesyncd).',
    )
  }
  return line(
    'database-clock',
    URL_SETTING,
    'ok',
    `this machine and PostgreSQL agree within ${Math.abs(skew)} ms (round trip ${after - before} ms).`,
  )
}

async function alipayPayerIds(db: Kysely<unknown>): Promise<string[]> {
  const rows = await sql<{
    payer_id: string
  }>`select payer_id from sessions where channel like 'alipay%' order by created_at desc limit 50`.execute(
    db,
  )
  return rows.rows.map((row) => row.payer_id)
}
