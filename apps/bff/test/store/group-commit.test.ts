import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Sqlite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DatabaseSchema } from '../../src/store/database-schema'
import { groupCommit, type GroupCommitOptions } from '../../src/store/group-commit'

interface TestSchema {
  things: { id: number; name: string }
  children: { id: number; parent: number }
}

/** The same unit shape the repository hands its work: a Kysely bound to the writer connection. */
type Connection = Kysely<TestSchema>

describe('group commit on SQLite', () => {
  let dir: string
  let file: string
  let sqlite: Sqlite.Database
  /** A second, independent connection: it sees only what is committed. */
  let observer: Sqlite.Database
  let db: Kysely<TestSchema>
  let executed: string[]

  /** Records every statement the writer connection executes (the statement cache is not used here). */
  const recording = (): SqliteDatabase => ({
    prepare(text: string): SqliteStatement {
      const statement = sqlite.prepare(text)
      return {
        reader: statement.reader,
        all: (parameters: readonly unknown[]) => {
          executed.push(text)
          return statement.all(parameters)
        },
        run: (parameters: readonly unknown[]) => {
          executed.push(text)
          return statement.run(parameters)
        },
        iterate: (parameters: readonly unknown[]) => statement.iterate(parameters),
      }
    },
    close: () => sqlite.close(),
  })

  const runner = (options: GroupCommitOptions = {}) => {
    const run = groupCommit(db as unknown as Kysely<DatabaseSchema>, options)
    return <T>(work: (connection: Connection) => Promise<T>): Promise<T> =>
      run((connection) => work(connection as unknown as Connection))
  }
  const insert = (connection: Connection, id: number) =>
    connection
      .insertInto('things')
      .values({ id, name: `t${id}` })
      .execute()
  const committedIds = (): number[] =>
    (observer.prepare('select id from things order by id').all() as { id: number }[]).map(
      (row) => row.id,
    )
  const count = (statement: string) => executed.filter((text) => text === statement).length

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'))
    file = join(dir, 'batch.db')
    sqlite = new Sqlite(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.exec('create table things (id integer primary key, name text not null)')
    sqlite.exec(
      'create table children (id integer primary key, parent integer not null references things (id) deferrable initially deferred)',
    )
    observer = new Sqlite(file, { readonly: true })
    db = new Kysely<TestSchema>({ dialect: new SqliteDialect({ database: recording() }) })
    executed = []
  })
  afterEach(async () => {
    observer.close()
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  it('commits twenty concurrent units with one BEGIN and one COMMIT, each resolving only once its row is committed', async () => {
    const run = runner()
    const seenAtResolve: boolean[] = []
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        run((connection) => insert(connection, index + 1)).then(() => {
          seenAtResolve.push(committedIds().includes(index + 1))
        }),
      ),
    )
    expect(seenAtResolve).toEqual(Array.from({ length: 20 }, () => true))
    expect(committedIds()).toHaveLength(20)
    expect(count('begin immediate')).toBe(1)
    expect(count('commit')).toBe(1)
    expect(count('savepoint unit')).toBe(20)
  })

  it('rolls a failing unit back to its savepoint and rejects only it, after its neighbours are committed', async () => {
    const run = runner()
    const failure = new Error('unit 3 fails')
    let committedWhenRejected: number[] = []
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((id) =>
        run(async (connection) => {
          await insert(connection, id)
          if (id === 3) throw failure
          return id
        }).catch((error: unknown) => {
          committedWhenRejected = committedIds()
          throw error
        }),
      ),
    )
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ])
    expect(results[2]).toEqual({ status: 'rejected', reason: failure })
    expect(committedWhenRejected).toEqual([1, 2, 4, 5])
    expect(committedIds()).toEqual([1, 2, 4, 5])
    expect(count('rollback to unit')).toBe(1)
    expect(count('commit')).toBe(1)
  })

  it('runs one-statement (atomic) units without a savepoint; a constraint refusing one rejects only it', async () => {
    const run = groupCommit(db as unknown as Kysely<DatabaseSchema>)
    const atomicInsert = (id: number) =>
      run((connection) => insert(connection as unknown as Connection, id).then(() => id), {
        atomic: true,
      })
    const results = await Promise.allSettled([1, 2, 2, 3].map(atomicInsert))
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ])
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    })
    expect(committedIds()).toEqual([1, 2, 3])
    expect(count('savepoint unit')).toBe(0)
    expect(count('begin immediate')).toBe(1)
    expect(count('commit')).toBe(1)
  })

  it('fails the whole batch when an atomic unit fails other than by a constraint; later units run in the next', async () => {
    const run = groupCommit(db as unknown as Kysely<DatabaseSchema>)
    const broken = new Error('not a constraint: the transaction may be gone')
    const results = await Promise.allSettled([
      run((connection) => insert(connection as unknown as Connection, 1)),
      run(
        async (connection) => {
          await insert(connection as unknown as Connection, 2)
          throw broken
        },
        { atomic: true },
      ),
      run((connection) => insert(connection as unknown as Connection, 3)),
    ])
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled'])
    expect(results.slice(0, 2)).toEqual([
      { status: 'rejected', reason: broken },
      { status: 'rejected', reason: broken },
    ])
    // Unit 1 went with the failed batch although its own work succeeded; unit 3 was not taken.
    expect(committedIds()).toEqual([3])
    expect(count('rollback')).toBe(1)
    expect(count('begin immediate')).toBe(2)
  })

  it('rejects every unit of a batch whose COMMIT fails, and keeps none of their rows', async () => {
    const run = runner()
    // A deferred foreign key is checked at COMMIT: one orphan makes the whole COMMIT fail.
    const results = await Promise.allSettled([
      run((connection) => insert(connection, 1)),
      run((connection) =>
        connection.insertInto('children').values({ id: 1, parent: 999 }).execute(),
      ),
      run((connection) => insert(connection, 2)),
    ])
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected'])
    for (const result of results) {
      expect(result.status === 'rejected' && String(result.reason)).toMatch(/FOREIGN KEY/)
    }
    expect(committedIds()).toEqual([])
    expect(count('commit')).toBe(1)
    // The connection is usable again: the next unit commits on its own.
    await run((connection) => insert(connection, 3))
    expect(committedIds()).toEqual([3])
  })

  it('closes a batch at maxUnits and commits the rest in the next one', async () => {
    const run = runner({ maxUnits: 4 })
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => run((connection) => insert(connection, index + 1))),
    )
    expect(committedIds()).toHaveLength(10)
    expect(count('commit')).toBe(3)
  })

  it('makes a read on the same handle wait for the open batch and answer only committed rows', async () => {
    const run = runner()
    const order: string[] = []
    const unit = run(async (connection) => {
      await insert(connection, 1)
      // The unit is slow: the read below is issued while the batch holds the connection.
      await new Promise((done) => setTimeout(done, 50))
      return 'unit'
    }).then((value) => order.push(value))
    await new Promise((done) => setTimeout(done, 10))
    const read = sql<{ n: number }>`select count(*) as n from things`
      .execute(db)
      .then((result) => order.push(`read ${result.rows[0]?.n ?? -1}`))
    await Promise.all([unit, read])
    expect(order).toEqual(['unit', 'read 1'])
  })

  it('answers SQLITE_BUSY to every waiting unit when another process holds the write lock past busy_timeout', async () => {
    sqlite.pragma('busy_timeout = 50')
    const other = new Sqlite(file)
    other.exec('begin immediate')
    try {
      const run = runner()
      const results = await Promise.allSettled([1, 2, 3].map((id) => run((c) => insert(c, id))))
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected'])
      for (const result of results) {
        expect(result.status === 'rejected' && (result.reason as { code?: string }).code).toBe(
          'SQLITE_BUSY',
        )
      }
    } finally {
      other.exec('rollback')
      other.close()
    }
    expect(committedIds()).toEqual([])
  })
})
