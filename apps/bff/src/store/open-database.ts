import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import Sqlite from 'better-sqlite3'
import { Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import type { PostgresOptions } from './open-postgres'
import { withStatementCache } from './statement-cache'
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect'

/** Which engine a database handle talks to. */
export type DatabaseKind = 'sqlite' | 'postgres'

/** An open database: the Kysely handle and its engine. */
export interface OpenDatabase {
  db: Kysely<DatabaseSchema>
  kind: DatabaseKind
}

export type { PostgresOptions } from './open-postgres'

/**
 * Opens `file:<path>` (SQLite; the path is relative to the process's working directory and its
 * folder is created) or `postgres://…`.
 */
export async function openDatabase(
  url: string,
  options: PostgresOptions = {},
): Promise<OpenDatabase> {
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
      db: new Kysely({
        dialect: new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }),
      }),
      kind: 'sqlite',
    }
  }
  // Loaded on demand: importing pg costs a SQLite BFF's start-up some 30 ms (its module tree, and
  // its Cloudflare probe builds a `Response`, which loads Node's fetch internals).
  const { openPostgres } = await import('./open-postgres')
  return { db: openPostgres(url, options), kind: 'postgres' }
}
