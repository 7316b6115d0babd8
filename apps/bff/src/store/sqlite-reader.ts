import { resolve } from 'node:path'

import Sqlite from 'better-sqlite3'
import type { CompiledQuery, QueryResult } from 'kysely'

import { withStatementCache } from './statement-cache'

/**
 * A second, read-only connection to a SQLite file, for the repository's reads outside
 * transactions (`readWriteSplit`): in WAL mode it reads the last committed state while the
 * writer connection has a batch open.
 *
 * It runs each compiled SELECT on its cached prepared statement directly, not through a Kysely
 * of its own: better-sqlite3 runs a statement to completion before returning, so that driver's
 * connection lock and the promises around it guard nothing here (docs/performance.md, part 10).
 */
export interface SqliteReader {
  /** Runs a compiled SELECT and answers its rows; a statement that is not a read throws. */
  read<R>(query: CompiledQuery): QueryResult<R>
  close(): void
}

/** Opens the reader on the SQLite file of `file:<path>`, which must exist. */
export function openSqliteReader(url: string): SqliteReader {
  const sqlite = new Sqlite(resolve(url.slice('file:'.length)), {
    readonly: true,
    fileMustExist: true,
  })
  sqlite.pragma('busy_timeout = 5000')
  const statements = withStatementCache(sqlite)
  return {
    read<R>(query: CompiledQuery): QueryResult<R> {
      const statement = statements.prepare(query.sql)
      if (!statement.reader) throw new Error(`the SQLite reader runs reads only: ${query.sql}`)
      return { rows: statement.all(query.parameters) as R[] }
    },
    close() {
      statements.close()
    },
  }
}
