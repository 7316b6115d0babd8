import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRepository } from '../../src/store/create-repository'
import type { OrderRecord } from '../../src/store/records'
import type { Repository } from '../../src/store/repository'
import { transition } from '../../src/ledger/order-ledger'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { orderRecord } from '../support/order-record'

function order(orderNo: string): OrderRecord {
  return orderRecord(orderNo, {
    payer_id: 'payer-ledger',
    channel: 'alipay-miniprogram',
    appid: '2021000000000001',
    paytype: 21,
    next_check_at: null,
  })
}

const close = { from: ['pending'], source: 'shopper', now: 1_100 } as const

describe.each(TEST_DATABASES)('the order ledger on %s', (db) => {
  let database: FreshDatabase
  let repository: Repository
  beforeAll(async () => {
    database = await freshDatabase(db)
    repository = await createRepository(database.url)
  })
  afterAll(async () => {
    await repository.close()
    await database.drop()
  })

  it('cannot write a status change without its event: outside a transaction there is no status write', async () => {
    await repository.orders.insert(order('L1'))
    const paid = {
      kind: 'transition',
      detail: { from: 'pending', to: 'paid', source: 'poll' },
    } as const
    // The compiler refuses every way around the ledger (typecheck fails if one compiles).
    const bypasses = [
      // @ts-expect-error the outer repository is not a transaction
      () => transition(repository, { order_no: 'L1' }, 'paid', close),
      // @ts-expect-error only a transaction's order store has the status write
      () => void repository.orders.moveStatus,
      // @ts-expect-error a patch cannot carry a status
      () => repository.orders.update('L1', { status: 'paid' }, 1_100),
      // @ts-expect-error a transition event is written only with its status change
      () => repository.orders.addEvent('L1', 1_100, paid),
    ]
    expect(bypasses).toHaveLength(4)
    expect('moveStatus' in repository.orders).toBe(false)
    // A status smuggled past the type into a patch is not written.
    await repository.orders.update('L1', { status: 'paid' } as never, 1_100)
    expect((await repository.orders.find('L1'))?.status).toBe('pending')
    expect(await repository.orders.listEvents('L1')).toEqual([])
  })

  it('writes exactly one transition event with each status change, and none when nothing moved', async () => {
    await repository.orders.insert(order('L2'))
    expect(await repository.transaction((tx) => transition(tx, order('L2'), 'closed', close))).toBe(
      true,
    )
    expect(await repository.transaction((tx) => transition(tx, order('L2'), 'closed', close))).toBe(
      false,
    )
    const late = { from: ['closed', 'failed'], source: 'reconciler', now: 1_200 } as const
    expect(await repository.transaction((tx) => transition(tx, order('L2'), 'paid', late))).toBe(
      true,
    )
    const events = await repository.orders.listEvents('L2')
    expect(events.map((event) => [event.kind, event.detail])).toEqual([
      ['transition', { from: 'pending', to: 'closed', source: 'shopper' }],
      ['transition', { from: 'closed', to: 'paid', source: 'reconciler' }],
    ])
    expect((await repository.orders.find('L2'))?.status).toBe('paid')
  })

  it('rolls the status change back with its event when the transaction fails', async () => {
    await repository.orders.insert(order('L3'))
    await expect(
      repository.transaction(async (tx) => {
        expect(await transition(tx, order('L3'), 'closed', close)).toBe(true)
        throw new Error('after the transition')
      }),
    ).rejects.toThrow('after the transition')
    expect((await repository.orders.find('L3'))?.status).toBe('pending')
    expect(await repository.orders.listEvents('L3')).toEqual([])
  })
})
