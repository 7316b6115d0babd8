import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from 'kysely'
import { describe, expect, it } from 'vitest'

import type { DatabaseSchema } from '../../src/store/database-schema'
import { gatherReads, MAX_GATHERED_READS } from '../../src/store/gathered-reads'
import { OrderStore, orderQueries } from '../../src/store/order-store'

interface Row {
  order_no: string
  payer_id: string
}

/** A gatherer over an in-memory table that records the statements it was asked to run. */
function recorded(table: Row[], fail = false) {
  const calls: { one: string[]; many: string[][] } = { one: [], many: [] }
  const read = gatherReads<Row>({
    readOne: (orderNo, payerId) => {
      calls.one.push(orderNo)
      if (fail) return Promise.reject(new Error('connection lost'))
      return Promise.resolve(
        table.find((row) => row.order_no === orderNo && row.payer_id === payerId),
      )
    },
    readMany: (orderNos) => {
      calls.many.push(orderNos)
      if (fail) return Promise.reject(new Error('connection lost'))
      return Promise.resolve(table.filter((row) => orderNos.includes(row.order_no)))
    },
  })
  return { read, calls }
}

const TABLE: Row[] = [
  { order_no: 'A', payer_id: 'alice' },
  { order_no: 'B', payer_id: 'bob' },
]

describe('gatherReads', () => {
  it('runs a read alone in its turn as the one-row read', async () => {
    const { read, calls } = recorded(TABLE)
    expect(await read('A', 'alice')).toEqual(TABLE[0])
    expect(await read('B', 'bob')).toEqual(TABLE[1])
    expect(calls).toEqual({ one: ['A', 'B'], many: [] })
  })

  it("runs the reads of one turn as one statement, each number once, each answered with its own shopper's row", async () => {
    const { read, calls } = recorded(TABLE)
    const answers = await Promise.all([
      read('A', 'alice'),
      read('B', 'bob'),
      read('A', 'alice'),
      read('B', 'alice'),
      read('C', 'alice'),
    ])
    expect(answers).toEqual([TABLE[0], TABLE[1], TABLE[0], undefined, undefined])
    expect(calls).toEqual({ one: [], many: [['A', 'B', 'C']] })
    // The next turn starts a new gathering.
    expect(await read('B', 'bob')).toEqual(TABLE[1])
    expect(calls.one).toEqual(['B'])
  })

  it('splits a turn with more reads than one statement takes', async () => {
    const table = Array.from({ length: MAX_GATHERED_READS + 5 }, (_, index) => ({
      order_no: `N${index}`,
      payer_id: 'many',
    }))
    const { read, calls } = recorded(table)
    const answers = await Promise.all(table.map((row) => read(row.order_no, 'many')))
    expect(answers).toEqual(table)
    expect(calls.many.map((numbers) => numbers.length)).toEqual([MAX_GATHERED_READS, 5])
  })

  it('fails every read of a statement that failed, alone or gathered', async () => {
    const { read } = recorded(TABLE, true)
    await expect(read('A', 'alice')).rejects.toThrow('connection lost')
    const together = [read('A', 'alice'), read('B', 'bob')]
    for (const answer of together) await expect(answer).rejects.toThrow('connection lost')
  })
})

describe("the order store's poll read", () => {
  /** An OrderStore on PostgreSQL's compiled queries over a handle that records each statement. */
  function storeOnPostgres(gatherShopperReads: boolean) {
    const compiler = new Kysely<DatabaseSchema>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    })
    const statements: { sql: string; parameters: readonly unknown[] }[] = []
    const handle = {
      executeQuery: (query: CompiledQuery) => {
        statements.push({ sql: query.sql, parameters: query.parameters })
        return Promise.resolve({ rows: [] })
      },
    } as unknown as Kysely<DatabaseSchema>
    const store = new OrderStore(handle, orderQueries(compiler, 'postgres'), { gatherShopperReads })
    return { store, statements }
  }

  it('on PostgreSQL outside transactions, sends the polls of one turn as one statement', async () => {
    const { store, statements } = storeOnPostgres(true)
    await Promise.all([store.findShopperOrder('A', 'alice'), store.findShopperOrder('B', 'bob')])
    expect(statements).toHaveLength(1)
    expect(statements[0]!.sql).toMatch(/"order_no" = any\(\$1\)/)
    expect(statements[0]!.parameters).toEqual([['A', 'B']])
  })

  it('without gathering, sends one statement per poll', async () => {
    const { store, statements } = storeOnPostgres(false)
    await Promise.all([store.findShopperOrder('A', 'alice'), store.findShopperOrder('B', 'bob')])
    expect(statements.map((statement) => statement.parameters)).toEqual([
      ['A', 'alice'],
      ['B', 'bob'],
    ])
  })
})
