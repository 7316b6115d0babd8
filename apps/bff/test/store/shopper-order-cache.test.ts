import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { transition } from '../../src/ledger/order-ledger'
import { createRepository } from '../../src/store/create-repository'
import type { Repository } from '../../src/store/repository'
import { SHOPPER_ORDER_CACHE_TTL_MS } from '../../src/store/shopper-order-cache'
import { TEST_DATABASES, freshDatabase, type FreshDatabase } from '../support/databases'
import { orderRecord } from '../support/order-record'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `read` every 50 ms until it answers `expected`; answers how long that took (ms). */
async function msUntil(read: () => Promise<unknown>, expected: unknown): Promise<number> {
  const started = performance.now()
  for (;;) {
    if ((await read()) === expected) return performance.now() - started
    if (performance.now() - started > 5_000) throw new Error(`never answered ${String(expected)}`)
    await sleep(50)
  }
}

const paid = { from: ['pending'], source: 'notification', now: 1_100 } as const

describe.each(TEST_DATABASES.filter((kind) => kind === 'postgres'))(
  "the shoppers' cached orders on %s",
  () => {
    let database: FreshDatabase
    let first: Repository
    let second: Repository
    let operator: pg.Client
    beforeAll(async () => {
      database = await freshDatabase('postgres')
      first = await createRepository(database.url)
      second = await createRepository(database.url)
      operator = new pg.Client({ connectionString: database.url })
      await operator.connect()
    })
    afterAll(async () => {
      await operator.end()
      await first.close()
      await second.close()
      await database.drop()
    })

    const statusOn =
      (repository: Repository, orderNo: string, payerId = 'payer-1') =>
      async () =>
        (await repository.orders.findShopperOrder(orderNo, payerId))?.order.status

    it("shows this instance's own state move on the next poll", async () => {
      await first.orders.insert(orderRecord('C1'))
      expect(await statusOn(first, 'C1')()).toBe('pending')
      await first.transaction((tx) =>
        transition(tx, orderRecord('C1'), 'paid', { ...paid, patch: { paid_at: 1_100 } }),
      )
      expect(await statusOn(first, 'C1')()).toBe('paid')
    })

    it("shows another instance's state move, or a change made in the database, within the TTL", async () => {
      await first.orders.insert(orderRecord('C2'))
      await first.orders.insert(orderRecord('C3'))
      expect(await statusOn(first, 'C2')()).toBe('pending')
      expect(await statusOn(first, 'C3')()).toBe('pending')
      await second.transaction((tx) => transition(tx, orderRecord('C2'), 'paid', paid))
      await operator.query("UPDATE orders SET status = 'closed' WHERE order_no = 'C3'")
      expect(await msUntil(statusOn(first, 'C2'), 'paid')).toBeLessThan(
        SHOPPER_ORDER_CACHE_TTL_MS + 200,
      )
      expect(await statusOn(first, 'C3')()).toBe('closed')
    })

    it("answers none for another shopper's order, cached or not", async () => {
      await first.orders.insert(orderRecord('C4'))
      expect(await statusOn(first, 'C4', 'payer-2')()).toBeUndefined()
      expect(await statusOn(first, 'C4')()).toBe('pending')
      expect(await statusOn(first, 'C4', 'payer-2')()).toBeUndefined()
    })

    it('keeps the orders being polled confirmed in one statement, not a read per poll', async () => {
      await first.orders.insert(orderRecord('C5'))
      await first.orders.insert(orderRecord('C6'))
      const confirmations = vi.spyOn(first.orders, 'findShopperOrderRows')
      // The one-order read of a poll the cache did not answer (private: spied through a cast).
      const direct = vi.spyOn(
        first.orders as unknown as { shopperOrderRow: (...args: unknown[]) => Promise<unknown> },
        'shopperOrderRow',
      )
      try {
        const polls = 40
        for (let poll = 0; poll < polls; poll += 1) {
          expect(await statusOn(first, 'C5')()).toBe('pending')
          expect(await statusOn(first, 'C6')()).toBe('pending')
          await sleep(50)
        }
        expect(direct).toHaveBeenCalledTimes(2) // each order's first poll
        // Two seconds of polls: one confirming read every half TTL, for both orders (and those
        // the earlier tests polled less than ten seconds ago).
        expect(confirmations.mock.calls.length).toBeGreaterThanOrEqual(2)
        expect(confirmations.mock.calls.length).toBeLessThanOrEqual(6)
        for (const [asked] of confirmations.mock.calls) {
          expect(asked).toEqual(expect.arrayContaining(['C5', 'C6']))
        }
      } finally {
        confirmations.mockRestore()
        direct.mockRestore()
      }
    })

    it('tells a failed confirmation, and reads the order directly once its entry has aged', async () => {
      const failures: unknown[] = []
      const own = await createRepository(database.url, {
        onCacheFailure: (error) => failures.push(error),
      })
      const refused = vi
        .spyOn(own.orders, 'findShopperOrderRows')
        .mockRejectedValue(new Error('connection lost'))
      try {
        await own.orders.insert(orderRecord('C8'))
        expect(await statusOn(own, 'C8')()).toBe('pending')
        await operator.query("UPDATE orders SET status = 'closed' WHERE order_no = 'C8'")
        expect(await msUntil(statusOn(own, 'C8'), 'closed')).toBeLessThan(
          SHOPPER_ORDER_CACHE_TTL_MS + 200,
        )
        expect(refused).toHaveBeenCalled()
        expect(failures.length).toBeGreaterThan(0)
        for (const failure of failures) expect(failure).toEqual(new Error('connection lost'))
      } finally {
        refused.mockRestore()
        await own.close()
      }
    })

    it('forgets an order deleted in the database at its next confirmation', async () => {
      await first.orders.insert(orderRecord('C7'))
      expect(await statusOn(first, 'C7')()).toBe('pending')
      await operator.query("DELETE FROM orders WHERE order_no = 'C7'")
      expect(await msUntil(statusOn(first, 'C7'), undefined)).toBeLessThan(
        SHOPPER_ORDER_CACHE_TTL_MS + 200,
      )
    })
  },
)
