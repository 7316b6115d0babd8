import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Migrator, sql, type Kysely, type Migration } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../src/store/open-database'

/** The user tables of the SQLite database behind `db`. */
async function tables(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
  `.execute(db)
  return rows.map((row) => row.name)
}

function migrator(db: Kysely<unknown>, migrations: Record<string, Migration>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } })
}

describe('migrating a SQLite database (issue #15, compiled start-up)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bff-migrate-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('runs the pending migrations in one transaction, so a failure half-way leaves the schema as it was', async () => {
    const { db: typed } = await openDatabase(`file:${join(folder, 'failing.sqlite')}`)
    const db = typed as unknown as Kysely<unknown>
    try {
      const { error } = await migrator(db, {
        '0001_a': {
          up: (trx) => trx.schema.createTable('a').addColumn('id', 'integer').execute(),
        },
        '0002_b': {
          async up(trx) {
            await trx.schema.createTable('b').addColumn('id', 'integer').execute()
            throw new Error('the process died here')
          },
        },
      }).migrateToLatest()
      expect(error).toBeInstanceOf(Error)
      expect(await tables(db)).toEqual(['kysely_migration', 'kysely_migration_lock'])
      const { rows } = await sql`select name from kysely_migration`.execute(db)
      expect(rows).toEqual([])
    } finally {
      await db.destroy()
    }
  })

  it('applies every migration and records each when none fails', async () => {
    const { db: typed } = await openDatabase(`file:${join(folder, 'fine.sqlite')}`)
    const db = typed as unknown as Kysely<unknown>
    try {
      const { error, results } = await migrator(db, {
        '0001_a': {
          up: (trx) => trx.schema.createTable('a').addColumn('id', 'integer').execute(),
        },
        '0002_b': {
          up: (trx) => trx.schema.createTable('b').addColumn('id', 'integer').execute(),
        },
      }).migrateToLatest()
      expect(error).toBeUndefined()
      expect(results?.map((result) => result.status)).toEqual(['Success', 'Success'])
      expect(await tables(db)).toEqual(['a', 'b', 'kysely_migration', 'kysely_migration_lock'])
    } finally {
      await db.destroy()
    }
  })
})
