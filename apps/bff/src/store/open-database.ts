import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import Sqlite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'

import type { DatabaseSchema } from './database-schema'
import { withStatementCache } from './statement-cache'

/** Which engine a database handle talks to. */
export type DatabaseKind = 'sqlite' | 'postgres'

/** An open database: the Kysely handle and its engine. */
export interface OpenDatabase {
  db: Kysely<DatabaseSchema>
  kind: DatabaseKind
}

/** Pool and timeout settings for PostgreSQL (fail fast while it is down: docs/reliability.md, F6). */
export interface PostgresOptions {
  max?: number
  connectionTimeoutMillis?: number
  statementTimeoutMs?: number
  idleInTransactionTimeoutMs?: number
}

const INT8_OID = 20
const NUMERIC_OID = 1700

/** Reads a BIGINT as a number, refusing anything JavaScript cannot hold exactly. */
function parseBigint(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is not a safe integer`)
  return value
}

/**
 * Opens `file:<path>` (SQLite; the path is relative to the process's working directory and its
 * folder is created) or `postgres://…`.
 */
export function openDatabase(url: string, options: PostgresOptions = {}): OpenDatabase {
  if (url.startsWith('file:')) {
    const path = resolve(url.slice('file:'.length))
    mkdirSync(dirname(path), { recursive: true })
    const sqlite = new Sqlite(path)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('busy_timeout = 5000')
    // FULL: a commit is on disk before we answer (SUCCESS to a notification, 201 to a create), even
    // across a power cut; NORMAL would be corruption-safe but could lose the last commits.
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    return {
      db: new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
      kind: 'sqlite',
    }
  }
  return openPostgres(url, options)
}

/**
 * A second, read-only connection to the SQLite file of `file:<path>` (which must exist): in WAL
 * mode it reads the last committed state while the writer connection has a batch open.
 */
export function openSqliteReader(url: string): Kysely<DatabaseSchema> {
  const sqlite = new Sqlite(resolve(url.slice('file:'.length)), {
    readonly: true,
    fileMustExist: true,
  })
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

function openPostgres(url: string, options: PostgresOptions): OpenDatabase {
  const statementTimeout = options.statementTimeoutMs ?? 5000
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 3000,
    statement_timeout: statementTimeout,
    // statement_timeout is enforced by the server; when the network to it hangs, only a
    // client-side read timeout ends the wait (F6). In pipeline mode pg then destroys the
    // connection (otherwise the abandoned query keeps it busy forever and the pool hands it out
    // again); the repository sends one query at a time, so pipelining changes nothing else.
    query_timeout: statementTimeout + 1000,
    pipeline: true,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 10000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? parseBigint
          : (pg.types.getTypeParser(oid, format ?? 'text') as (
              text: string,
            ) => unknown)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client's error (the server went away) must not crash the process; the next query fails instead.
  pool.on('error', () => undefined)
  // Nor may a checked-out client's: a write to a reset socket is emitted as 'error' on the client,
  // not only as the rejection of the query it was sending (seen in a transaction's BEGIN, F6).
  pool.on('connect', (client) => client.on('error', () => undefined))
  return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' }
}
