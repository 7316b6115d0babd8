import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Sqlite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { QueryTemplate, slot } from '../../src/store/query-template'

interface Schema {
  things: { id: number; name: string; kind: string }
}

describe('a compiled query template', () => {
  let dir: string
  let db: Kysely<Schema>

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'query-template-'))
    db = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: new Sqlite(join(dir, 'template.db')) }),
    })
    await db.schema
      .createTable('things')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .execute()
  })
  afterEach(async () => {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  it('binds each call’s values to its slots and keeps the constants it was built with', async () => {
    const insert = new QueryTemplate(
      db.insertInto('things').values({ id: slot<number>('id'), name: slot('name'), kind: 'fixed' }),
      ['id', 'name'],
    )
    const find = new QueryTemplate(
      db
        .selectFrom('things')
        .selectAll()
        .where('kind', '=', 'fixed')
        .where('id', '>', slot<number>('above')),
      ['above'],
    )
    for (const [id, name] of [
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ] as const) {
      await db.executeQuery(insert.bind({ id, name }))
    }
    expect(insert.bind({ id: 9, name: 'nine' }).parameters).toEqual([9, 'nine', 'fixed'])
    const { rows } = await db.executeQuery(find.bind({ above: 1 }))
    expect(rows).toEqual([
      { id: 2, name: 'two', kind: 'fixed' },
      { id: 3, name: 'three', kind: 'fixed' },
    ])
    expect((await db.executeQuery(find.bind({ above: 3 }))).rows).toEqual([])
  })

  it('refuses a slot it was not told about and a named slot the query does not use', () => {
    const query = db.selectFrom('things').selectAll().where('name', '=', slot('name'))
    expect(() => new QueryTemplate(query, [] as string[])).toThrow(/unknown slot name/)
    expect(() => new QueryTemplate(query, ['name', 'kind'])).toThrow(/kind not among/)
  })
})
