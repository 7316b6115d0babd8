import Sqlite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRepository } from '../../src/store/create-repository'
import type { Repository } from '../../src/store/repository'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { orderRecord as order } from '../support/order-record'

describe('the SQLite repository outside transactions: reads on a read-only connection, writes in the group commit', () => {
  let database: FreshDatabase
  let repository: Repository
  /** An independent connection: it sees only what is committed. */
  const committed = (orderNo: string): boolean => {
    const db = new Sqlite(database.url.slice('file:'.length), { readonly: true })
    try {
      return db.prepare('select 1 from orders where order_no = ?').get(orderNo) !== undefined
    } finally {
      db.close()
    }
  }
  beforeAll(async () => {
    database = await freshDatabase('sqlite')
    repository = await createRepository(database.url)
  })
  afterAll(async () => {
    await repository.close()
    await database.drop()
  })

  it('answers a read at once while a batch is open, from the committed state only', async () => {
    const events: string[] = []
    const transaction = repository
      .transaction(async (tx) => {
        await tx.orders.insert(order('OPEN-BATCH'))
        await new Promise((done) => setTimeout(done, 100))
      })
      .then(() => events.push('committed'))
    await new Promise((done) => setTimeout(done, 20))
    const during = await repository.orders.find('OPEN-BATCH')
    events.push(`read ${during === undefined ? 'nothing' : 'the row'}`)
    await transaction
    expect(events).toEqual(['read nothing', 'committed'])
    expect((await repository.orders.find('OPEN-BATCH'))?.order_no).toBe('OPEN-BATCH')
  })

  it('resolves a write outside a transaction only once it is committed, and reads it back at once', async () => {
    const writes = ['OUT-1', 'OUT-2', 'OUT-3'].map((no) =>
      repository.orders.insert(order(no)).then(() => committed(no)),
    )
    expect(await Promise.all(writes)).toEqual([true, true, true])
    expect((await repository.orders.find('OUT-2'))?.status).toBe('pending')
  })
})
