import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nameStatements } from '../../src/store/named-statements'
import { TEST_DATABASES, freshDatabase, type FreshDatabase } from '../support/databases'

// PostgreSQL only: SQLite statements are prepared once by the statement cache (statement-cache.ts).
describe.each(TEST_DATABASES.filter((kind) => kind === 'postgres'))(
  'named prepared statements on %s',
  (kind) => {
    let database: FreshDatabase
    let pool: pg.Pool

    /** The names this connection has prepared (one connection: the pool holds at most one). */
    async function prepared(): Promise<string[]> {
      const { rows } = await pool.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements ORDER BY name',
      )
      return rows.map((row) => row.name)
    }

    beforeAll(async () => {
      database = await freshDatabase(kind)
      pool = new pg.Pool({ connectionString: database.url, max: 1 })
      nameStatements(pool, 3)
      await pool.query('CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL)')
      await pool.query("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')")
    })
    afterAll(async () => {
      await pool?.end()
      await database?.drop()
    })

    it('prepares a text with parameters once and runs it again by name, with new values', async () => {
      const client = await pool.connect()
      try {
        const first = await client.query('SELECT label FROM items WHERE id = $1', [1])
        const second = await client.query('SELECT label FROM items WHERE id = $1', [2])
        expect(first.rows).toEqual([{ label: 'one' }])
        expect(second.rows).toEqual([{ label: 'two' }])
      } finally {
        client.release()
      }
      expect(await prepared()).toEqual(['bff_1'])
    })

    it('leaves texts without parameters, and texts past its capacity, unnamed', async () => {
      const client = await pool.connect()
      try {
        await client.query('SELECT count(*) FROM items', [])
        await client.query('SELECT * FROM items WHERE id > $1 ORDER BY id', [1])
        await client.query('SELECT label FROM items WHERE id > $1 ORDER BY id', [1])
        // The fourth text with parameters: the capacity (3) is reached.
        const third = await client.query('SELECT id FROM items WHERE label = $1', ['three'])
        expect(third.rows).toEqual([{ id: 3 }])
      } finally {
        client.release()
      }
      expect(await prepared()).toEqual(['bff_1', 'bff_2', 'bff_3'])
    })

    it('prepares a text afresh after a column change made its statement fail once', async () => {
      const client = await pool.connect()
      try {
        const text = 'SELECT * FROM items WHERE id > $1 ORDER BY id'
        expect((await client.query(text, [2])).rows).toEqual([{ id: 3, label: 'three' }])
        await client.query('ALTER TABLE items ADD COLUMN note text')
        await expect(client.query(text, [2])).rejects.toMatchObject({ code: '0A000' })
        expect((await client.query(text, [2])).rows).toEqual([
          { id: 3, label: 'three', note: null },
        ])
      } finally {
        client.release()
      }
      // bff_2 failed and stays prepared on this connection; its text runs as bff_4 now.
      expect(await prepared()).toEqual(['bff_1', 'bff_2', 'bff_3', 'bff_4'])
    })
  },
)
