import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Sqlite from 'better-sqlite3'
import { Kysely, SqliteDialect, type SqliteStatement } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { withStatementCache } from '../../src/store/statement-cache'

interface Row {
  id: number
  name: string
}

describe('the SQLite statement cache', () => {
  let dir: string
  let sqlite: Sqlite.Database
  let prepared: string[]
  const counting = (): { prepare(sql: string): SqliteStatement; close(): void } => ({
    prepare(sql: string) {
      prepared.push(sql)
      return sqlite.prepare(sql)
    },
    close() {
      sqlite.close()
    },
  })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'statement-cache-'))
    sqlite = new Sqlite(join(dir, 'cache.db'))
    sqlite.exec('create table things (id integer primary key, name text not null)')
    prepared = []
  })
  afterEach(() => {
    if (sqlite.open) sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers the same statement object for the same SQL and prepares it once', () => {
    const cache = withStatementCache(counting())
    const first = cache.prepare('select * from things where id = ?')
    const second = cache.prepare('select * from things where id = ?')
    const other = cache.prepare('select name from things')
    expect(second).toBe(first)
    expect(other).not.toBe(first)
    expect(prepared).toEqual(['select * from things where id = ?', 'select name from things'])
  })

  it('keeps at most its capacity, evicting the least recently used statement', () => {
    const cache = withStatementCache(counting(), 2)
    const a = cache.prepare('select 1')
    cache.prepare('select 2')
    expect(cache.prepare('select 1')).toBe(a)
    cache.prepare('select 3')
    // "select 2" was the least recently used: it is prepared again; "select 1" is still cached.
    expect(cache.prepare('select 1')).toBe(a)
    cache.prepare('select 2')
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2'])
  })

  it('refuses a capacity below one', () => {
    expect(() => withStatementCache(counting(), 0)).toThrow(RangeError)
  })

  it('gives correct results when a cached statement runs again with other parameters', () => {
    const cache = withStatementCache(counting())
    for (const [id, name] of [
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ] as const) {
      cache.prepare('insert into things (id, name) values (?, ?)').run([id, name])
    }
    const find = (id: number): unknown[] =>
      cache.prepare('select * from things where id = ?').all([id])
    expect(find(2)).toEqual([{ id: 2, name: 'two' }])
    expect(find(3)).toEqual([{ id: 3, name: 'three' }])
    expect(find(4)).toEqual([])
    expect(prepared).toHaveLength(2)
  })

  it('serves Kysely: repeated queries are prepared once and read what was written', async () => {
    const db = new Kysely<{ things: Row }>({
      dialect: new SqliteDialect({ database: withStatementCache(counting()) }),
    })
    try {
      for (let id = 1; id <= 20; id += 1) {
        await db
          .insertInto('things')
          .values({ id, name: `n${id}` })
          .execute()
      }
      const rows = await db.selectFrom('things').selectAll().where('id', '>', 18).execute()
      const again = await db.selectFrom('things').selectAll().where('id', '>', 15).execute()
      expect(rows.map((row) => row.name)).toEqual(['n19', 'n20'])
      expect(again.map((row) => row.id)).toEqual([16, 17, 18, 19, 20])
      expect(prepared).toHaveLength(2)
    } finally {
      await db.destroy()
    }
  })

  it('sees a column added after the statement was cached (SQLite re-prepares it)', () => {
    const cache = withStatementCache(counting())
    cache.prepare('insert into things (id, name) values (?, ?)').run([1, 'one'])
    expect(cache.prepare('select * from things').all([])).toEqual([{ id: 1, name: 'one' }])
    sqlite.exec("alter table things add column colour text not null default 'red'")
    expect(cache.prepare('select * from things').all([])).toEqual([
      { id: 1, name: 'one', colour: 'red' },
    ])
  })

  it('closes the database it wraps', () => {
    withStatementCache(counting()).close()
    expect(sqlite.open).toBe(false)
  })
})
