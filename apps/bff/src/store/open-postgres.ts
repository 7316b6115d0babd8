import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

import type { DatabaseSchema } from './database-schema'
import { nameStatements } from './named-statements'

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
 * Opens a pool to the PostgreSQL database at `url` (`postgres://…`). A module of its own so that
 * only a PostgreSQL BFF loads `pg` (store/open-database.ts imports it on demand).
 */
export function openPostgres(url: string, options: PostgresOptions): Kysely<DatabaseSchema> {
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
  nameStatements(pool)
  return new Kysely({ dialect: new PostgresDialect({ pool }) })
}
