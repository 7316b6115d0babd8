import type { Kysely } from 'kysely'

import { migrateToLatest } from './migrations'
import { openDatabase, type PostgresOptions } from './open-database'
import { repositoryOver, type Repository, type RepositoryOptions } from './repository'
import { openSqliteReader } from './sqlite-reader'

/** Opens the database named by `url`, runs the migrations and answers the repository over it. */
export async function createRepository(
  url: string,
  options: PostgresOptions & Pick<RepositoryOptions, 'onCacheFailure'> = {},
): Promise<Repository> {
  const { onCacheFailure, ...postgres } = options
  const { db, kind } = await openDatabase(url, postgres)
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, kind)
  } catch (error) {
    await db.destroy()
    throw error
  }
  // Opened after the migrations, so the file exists and is in WAL mode.
  if (kind === 'sqlite') return repositoryOver(db, kind, { reader: openSqliteReader(url) })
  return repositoryOver(db, kind, onCacheFailure === undefined ? {} : { onCacheFailure })
}
