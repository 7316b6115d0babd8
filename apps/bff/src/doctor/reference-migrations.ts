import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql, type Kysely } from 'kysely'

import { migrateToLatest } from '../store/migrations'
import { openDatabase } from '../store/open-database'

/**
 * The names of the migrations this build of the BFF applies, learned by migrating a throw-away
 * SQLite file (the names are the same on PostgreSQL), so the doctor never keeps its own list.
 */
export async function referenceMigrations(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-doctor-'))
  const { db } = await openDatabase(`file:${join(dir, 'reference.sqlite')}`)
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, 'sqlite')
    const rows = await sql<{
      name: string
    }>`select name from kysely_migration order by name`.execute(db)
    return rows.rows.map((row) => row.name)
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
