import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Sqlite from 'better-sqlite3'
import { CompiledQuery, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { readWriteSplit } from '../../src/store/read-write-split'
import { openSqliteReader, type SqliteReader } from '../../src/store/sqlite-reader'

describe('the SQLite reader: compiled SELECTs on a read-only connection', () => {
  let dir: string
  let writer: Sqlite.Database
  let reader: SqliteReader

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-reader-'))
    const file = join(dir, 'reader.sqlite')
    writer = new Sqlite(file)
    writer.pragma('journal_mode = WAL')
    writer.exec('create table things (id integer primary key, name text not null)')
    writer.prepare('insert into things (id, name) values (?, ?)').run(1, 'first')
    writer.prepare('insert into things (id, name) values (?, ?)').run(2, 'second')
    reader = openSqliteReader(`file:${file}`)
  })
  afterEach(() => {
    reader.close()
    writer.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers the rows of a SELECT with its parameters bound, as objects', () => {
    const query = CompiledQuery.raw('select id, name from things where id >= ? order by id', [2])
    expect(reader.read(query).rows).toEqual([{ id: 2, name: 'second' }])
  })

  it('sees what the writer commits, and nothing of an open transaction', () => {
    const count = CompiledQuery.raw('select count(*) as n from things', [])
    writer.exec('begin immediate')
    writer.prepare('insert into things (id, name) values (?, ?)').run(3, 'third')
    expect(reader.read(count).rows).toEqual([{ n: 2 }])
    writer.exec('commit')
    expect(reader.read(count).rows).toEqual([{ n: 3 }])
  })

  it('refuses a statement that writes, and nothing is written', () => {
    const insert = CompiledQuery.raw('insert into things (id, name) values (?, ?)', [9, 'nine'])
    expect(() => reader.read(insert)).toThrow(/reads only/)
    expect(writer.prepare('select count(*) as n from things').get()).toEqual({ n: 2 })
  })

  it("rejects with SQLite's error behind readWriteSplit, and reads again after it", async () => {
    const db = readWriteSplit(reader, () => Promise.reject(new Error('no writes in this test')))
    const failing = sql`select * from no_such_table`.execute(db)
    await expect(failing).rejects.toThrow(/no such table/)
    const rows = await sql<{ name: string }>`select name from things where id = ${1}`.execute(db)
    expect(rows.rows).toEqual([{ name: 'first' }])
  })
})
