import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  isCompilable,
  type Compilable,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type KyselyConfig,
  type QueryId,
  type QueryResult,
} from 'kysely'

import type { DatabaseSchema } from './database-schema'
import type { GroupCommitRun } from './group-commit'
import type { SqliteReader } from './sqlite-reader'

const READ_ONLY = /^\s*select\b/i

/** True for a statement that only reads: a SELECT built by Kysely, or raw SQL starting with SELECT. */
export function isReadQuery(query: CompiledQuery): boolean {
  return query.query.kind === 'SelectQueryNode' || READ_ONLY.test(query.sql)
}

/**
 * The SQLite handle under the repository's own stores (outside `transaction`): every read runs on
 * `reader`, a second, read-only connection that in WAL mode sees only committed data; every other
 * statement runs as a one-statement (`atomic`) unit of the group commit, so it shares the batch's
 * COMMIT and resolves only after it. A read therefore never waits for an open batch and never sees one.
 * Transactions are not offered here (`repository.transaction` is the way in).
 */
export function readWriteSplit(
  reader: SqliteReader,
  runInBatch: GroupCommitRun,
): Kysely<DatabaseSchema> {
  const connection: DatabaseConnection = {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // The executor's throw (SQLITE_BUSY, a bad statement) becomes the promise's rejection.
      if (isReadQuery(query)) return new Promise((resolve) => resolve(reader.read<R>(query)))
      return runInBatch((writer) => writer.executeQuery<R>(query), { atomic: true })
    },
    streamQuery() {
      throw new Error('streaming queries are not used by the repository')
    },
  }
  const refuse = (): Promise<void> =>
    Promise.reject(new Error('use repository.transaction for a transaction on SQLite'))
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  }
  return new ReadsOnReader(reader, {
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}

/**
 * The split's Kysely, whose `executeQuery` (the stores' compiled templates, store/query-template.ts)
 * hands a read to the reader at once instead of through Kysely's executor, connection provider and
 * driver: with no plugins, that path adds nothing but awaits to a statement that better-sqlite3
 * runs synchronously (docs/performance.md, part 12). Queries built and run by Kysely's own
 * builders take the driver above, to the same reader.
 */
class ReadsOnReader extends Kysely<DatabaseSchema> {
  constructor(
    private readonly reader: SqliteReader,
    config: KyselyConfig,
  ) {
    super(config)
  }

  override executeQuery<R>(
    query: CompiledQuery<R> | Compilable<R>,
    queryId?: QueryId,
  ): Promise<QueryResult<R>> {
    const compiled = isCompilable(query) ? query.compile() : query
    if (!isReadQuery(compiled)) return super.executeQuery(compiled, queryId)
    // The reader's throw (SQLITE_BUSY, a bad statement) becomes the promise's rejection.
    return new Promise((resolve) => resolve(this.reader.read<R>(compiled)))
  }
}
