import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely'

/**
 * SQLite's adapter with the one fact Kysely's leaves out: SQLite runs CREATE/ALTER/DROP inside a
 * transaction like any other statement. Kysely's Migrator reads only this flag from it, and with
 * it true runs the pending migrations and their bookkeeping rows in one transaction (as it does on
 * PostgreSQL): a crash half-way leaves the schema as it was before, never half a migration with no
 * row saying so (which the next start would then fail on, "table … already exists"), and a fresh
 * file is created with one commit instead of one per statement.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/** Kysely's SQLite dialect whose migrations run in one transaction (see the adapter above). */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}
