import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRepository } from '../../src/store/create-repository'
import type { Repository } from '../../src/store/repository'
import { transition } from '../../src/ledger/order-ledger'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { orderRecord as order } from '../support/order-record'
import { SHOPPER_ORDER_FIELDS } from '../../src/store/records'
import type { IdempotencyRecord, OrderRecord } from '../../src/store/records'

/** A claimed key's record, `in_flight` under the first test instance's lock. */
function inFlightKey(
  payerId: string,
  key: string,
  times: { expires_at: number; locked_until: number },
): IdempotencyRecord {
  return {
    payer_id: payerId,
    key,
    request_hash: 'h',
    state: 'in_flight',
    response_status: null,
    response_body: null,
    order_no: null,
    created_at: 0,
    ...times,
    lock_owner: 'test-instance#t1',
  }
}

/** A key claimed long ago that neither expires nor unlocks during a test. */
function liveKey(payerId: string, key: string): IdempotencyRecord {
  return inFlightKey(payerId, key, { expires_at: 10 ** 12, locked_until: 10 ** 12 })
}

/** A new pending order of `payerId`, open for the whole test. */
function pendingOf(payerId: string, orderNo: string): OrderRecord {
  return order(orderNo, {
    payer_id: payerId,
    created_at: 1_000,
    expires_at: 10 ** 12,
    next_check_at: 10 ** 12,
  })
}

/** The first event of the pending orders above. */
const event = { kind: 'created' as const, detail: { amount: 100, lines: 1 } }

describe.each(TEST_DATABASES)('the repository on %s', (db) => {
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

  it('finds the products among skus with one statement for any cart length', async () => {
    await repository.catalogue.insert([
      { sku: 'find-a', name: '甲', description: '', price: 100, position: 1 },
      { sku: 'find-b', name: '乙', description: '', price: 250, position: 2 },
      { sku: "find-'c", name: '丙', description: '', price: 9_999_999_999, position: 3 },
    ])
    const skus = (found: { sku: string }[]) => found.map((product) => product.sku).sort()
    expect(await repository.catalogue.find([])).toEqual([])
    expect(skus(await repository.catalogue.find(['find-b']))).toEqual(['find-b'])
    const found = await repository.catalogue.find(['find-a', 'nope', "find-'c", 'find-a'])
    expect(skus(found)).toEqual(["find-'c", 'find-a'])
    expect(found.find((product) => product.sku === "find-'c")?.price).toBe(9_999_999_999)
    expect(await repository.catalogue.find(['FIND-A', 'find-%'])).toEqual([])
  })

  it('round-trips 9 999 999 999 fen exactly (S10)', async () => {
    await repository.orders.insert(
      order('BIG', { amount: 9_999_999_999, refunded_amount: 9_999_999_999 }),
    )
    const stored = await repository.orders.find('BIG')
    expect(stored?.amount).toBe(9_999_999_999)
    expect(stored?.refunded_amount).toBe(9_999_999_999)
    expect(typeof stored?.amount).toBe('number')
    expect(stored?.items).toEqual([{ sku: 'x', name: '商品', quantity: 1, price: 100 }])
  })

  it('moves states only from the allowed ones, once, under concurrent transitions', async () => {
    await repository.orders.insert(order('RACE'))
    const pay = {
      from: ['pending'],
      source: 'poll',
      now: 1_100,
      patch: { transaction_no: 'T1' },
    } as const
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        repository.transaction((tx) => transition(tx, { order_no: 'RACE' }, 'paid', pay)),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const fail = { from: ['pending'], source: 'poll', now: 1_200 } as const
    expect(
      await repository.transaction((tx) => transition(tx, { order_no: 'RACE' }, 'failed', fail)),
    ).toBe(false)
    expect((await repository.orders.find('RACE'))?.status).toBe('paid')
    const events = await repository.orders.listEvents('RACE')
    expect(events.map((event) => [event.kind, event.detail])).toEqual([
      ['transition', { from: 'pending', to: 'paid', source: 'poll' }],
    ])
  })

  it("counts a shopper's open orders up to the limit checked, leaving out expired and settled ones", async () => {
    const payer = 'payer-open'
    // Not due for a check, so the lease test of this file does not see them.
    const openOrder = (orderNo: string, overrides: Partial<OrderRecord>): OrderRecord =>
      order(orderNo, { next_check_at: 10 ** 12, ...overrides })
    for (let index = 0; index < 7; index += 1) {
      await repository.orders.insert(
        openOrder(`OPEN${index}`, { payer_id: payer, expires_at: 5_000 }),
      )
    }
    await repository.orders.insert(
      openOrder('OPEN-EXPIRED', { payer_id: payer, expires_at: 3_000 }),
    )
    await repository.orders.insert(openOrder('OPEN-PAID', { payer_id: payer, status: 'paid' }))
    await repository.orders.insert(
      openOrder('OPEN-OTHER', { payer_id: 'payer-else', expires_at: 5_000 }),
    )
    expect(await repository.orders.countOpenOfPayer(payer, 4_000, 100)).toBe(7)
    expect(await repository.orders.countOpenOfPayer(payer, 4_000, 5)).toBe(5)
    expect(await repository.orders.countOpenOfPayer(payer, 2_500, 100)).toBe(8)
    expect(await repository.orders.countOpenOfPayer(payer, 6_000, 100)).toBe(0)
  })

  it('rolls a transaction back when its work throws', async () => {
    await expect(
      repository.transaction(async (tx) => {
        await tx.orders.insert(order('ROLLBACK'))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await repository.orders.find('ROLLBACK')).toBeUndefined()
  })

  it('claims an idempotency key once; a second insert of the same (payer, key) is refused', async () => {
    const record = inFlightKey('p', 'k', { expires_at: 10, locked_until: 5 })
    expect(await repository.idempotency.insert(record)).toBe(true)
    expect(await repository.idempotency.insert(record)).toBe(false)
    expect(await repository.idempotency.insert({ ...record, payer_id: 'q' })).toBe(true)
    const lock = { until: 20, owner: 'test-instance#t2' }
    expect(await repository.idempotency.takeOver('p', 'k', 4, lock)).toBe(false)
    expect(await repository.idempotency.takeOver('p', 'k', 5, lock)).toBe(true)
    expect(await repository.idempotency.takeOver('p', 'k', 5, lock)).toBe(false)
    expect((await repository.idempotency.find('p', 'k'))?.lock_owner).toBe('test-instance#t2')
  })

  it("writes a new order, its event and the key's order number together, or none of them", async () => {
    const payer = 'payer-pending-insert'
    const keyRecord = (key: string) => liveKey(payer, key)
    const pending = (orderNo: string) => pendingOf(payer, orderNo)
    await repository.idempotency.insert(keyRecord('key-1'))
    const first = { order: pending('PENDING-1'), event, key: 'key-1', openLimit: 2 }
    expect(await repository.insertPendingOrder(first)).toBe('inserted')
    expect(await repository.orders.find('PENDING-1')).toEqual(first.order)
    expect(await repository.orders.listEvents('PENDING-1')).toMatchObject([
      { order_no: 'PENDING-1', at: 1_000, kind: 'created', detail: event.detail },
    ])
    expect((await repository.idempotency.find(payer, 'key-1'))?.order_no).toBe('PENDING-1')

    // The same order number again: the insert fails, and neither the event nor the key moves.
    await repository.idempotency.insert(keyRecord('key-2'))
    await expect(repository.insertPendingOrder({ ...first, key: 'key-2' })).rejects.toThrow()
    expect(await repository.orders.listEvents('PENDING-1')).toHaveLength(1)
    expect((await repository.idempotency.find(payer, 'key-2'))?.order_no).toBeNull()

    // At the limit of open orders, nothing is written.
    expect(
      await repository.insertPendingOrder({ ...first, order: pending('PENDING-2'), key: 'key-2' }),
    ).toBe('inserted')
    await repository.idempotency.insert(keyRecord('key-3'))
    expect(
      await repository.insertPendingOrder({ ...first, order: pending('PENDING-3'), key: 'key-3' }),
    ).toBe('too_many_open')
    expect(await repository.orders.find('PENDING-3')).toBeUndefined()
    expect(await repository.orders.listEvents('PENDING-3')).toEqual([])
    expect((await repository.idempotency.find(payer, 'key-3'))?.order_no).toBeNull()
  })

  it('claims a new key in the same write as the order, and writes nothing when the key exists', async () => {
    const payer = 'payer-claiming-insert'
    const newKey = (key: string) => liveKey(payer, key)
    const pending = (orderNo: string) => pendingOf(payer, orderNo)
    const write = (orderNo: string, key: string) => ({
      order: pending(orderNo),
      event,
      key,
      openLimit: 1,
      newKey: newKey(key),
    })

    expect(await repository.insertPendingOrder(write('CLAIMING-1', 'key-1'))).toBe('inserted')
    expect(await repository.orders.find('CLAIMING-1')).toEqual(pending('CLAIMING-1'))
    expect(await repository.orders.listEvents('CLAIMING-1')).toMatchObject([
      { order_no: 'CLAIMING-1', at: 1_000, kind: 'created', detail: event.detail },
    ])
    expect(await repository.idempotency.find(payer, 'key-1')).toEqual({
      ...newKey('key-1'),
      order_no: 'CLAIMING-1',
    })

    // The key exists (a retry, or another request with it): no order, no event, the key as it was.
    expect(await repository.insertPendingOrder(write('CLAIMING-2', 'key-1'))).toBe('key_taken')
    expect(await repository.orders.find('CLAIMING-2')).toBeUndefined()
    expect(await repository.orders.listEvents('CLAIMING-2')).toEqual([])
    expect((await repository.idempotency.find(payer, 'key-1'))?.order_no).toBe('CLAIMING-1')

    // At the limit of open orders: the key is claimed, with no order on it.
    expect(await repository.insertPendingOrder(write('CLAIMING-3', 'key-3'))).toBe('too_many_open')
    expect(await repository.orders.find('CLAIMING-3')).toBeUndefined()
    expect(await repository.orders.listEvents('CLAIMING-3')).toEqual([])
    expect(await repository.idempotency.find(payer, 'key-3')).toEqual(newKey('key-3'))

    // Claims of one key at once: exactly one writes its order.
    const racing = await Promise.all(
      ['RACE-1', 'RACE-2', 'RACE-3', 'RACE-4'].map((orderNo) =>
        repository.insertPendingOrder({ ...write(orderNo, 'key-race'), openLimit: 10 }),
      ),
    )
    expect(racing.filter((outcome) => outcome === 'inserted')).toHaveLength(1)
    expect(racing.filter((outcome) => outcome === 'key_taken')).toHaveLength(3)
    const winner = (await repository.idempotency.find(payer, 'key-race'))?.order_no
    const written = await Promise.all(
      ['RACE-1', 'RACE-2', 'RACE-3', 'RACE-4'].map((orderNo) => repository.orders.find(orderNo)),
    )
    expect(written.flatMap((found) => (found === undefined ? [] : [found.order_no]))).toEqual([
      winner,
    ])
  })

  it('claims the keys of several creates asked for at once, each with its own outcome', async () => {
    const write = (payer: string, orderNo: string, key: string, openLimit = 5) => ({
      order: pendingOf(payer, orderNo),
      event: { kind: 'created' as const, detail: { amount: 100, lines: orderNo.length } },
      key,
      openLimit,
      newKey: liveKey(payer, key),
    })
    // One shopper already at its limit of one open order, and a key already claimed.
    expect(await repository.insertPendingOrder(write('many-full', 'MANY-OPEN', 'k-open', 1))).toBe(
      'inserted',
    )
    // Scopes and keys chosen so that joining each pair's two strings makes one string twice: the
    // second pair's key is already claimed, the first's is new.
    await repository.idempotency.insert(liveKey('many-a', 'bc'))
    const creates = [
      write('many-ab', 'MANY-1', 'c'),
      write('many-a', 'MANY-2', 'bc'),
      write('many-full', 'MANY-3', 'k-over', 1),
      write('many-a', 'MANY-44', 'c'),
    ]
    const outcomes = await Promise.all(creates.map((input) => repository.insertPendingOrder(input)))
    expect(outcomes).toEqual(['inserted', 'key_taken', 'too_many_open', 'inserted'])

    for (const { order: pending, newKey, event: created } of [creates[0]!, creates[3]!]) {
      expect(await repository.orders.find(pending.order_no)).toEqual(pending)
      expect(await repository.orders.listEvents(pending.order_no)).toMatchObject([
        { order_no: pending.order_no, at: 1_000, kind: 'created', detail: created.detail },
      ])
      expect(await repository.idempotency.find(newKey.payer_id, newKey.key)).toEqual({
        ...newKey,
        order_no: pending.order_no,
      })
    }
    // The taken key is as it was, with no order; the shopper at its limit has its key, no order.
    expect(await repository.idempotency.find('many-a', 'bc')).toEqual(liveKey('many-a', 'bc'))
    expect(await repository.idempotency.find('many-full', 'k-over')).toEqual(
      liveKey('many-full', 'k-over'),
    )
    for (const orderNo of ['MANY-2', 'MANY-3']) {
      expect(await repository.orders.find(orderNo)).toBeUndefined()
      expect(await repository.orders.listEvents(orderNo)).toEqual([])
    }
  })

  it("writes the payment parameters, their event and the key's answer together, only on the order as last seen", async () => {
    const payer = 'payer-created-payment'
    await repository.orders.insert(order('CREATED-1', { payer_id: payer, updated_at: 1_000 }))
    await repository.idempotency.insert(
      inFlightKey(payer, 'key-created', { expires_at: 10 ** 12, locked_until: 10 ** 12 }),
    )
    const write = {
      orderNo: 'CREATED-1',
      cloudpayParam: '{"package":"prepay_id=wx1"}',
      now: 2_000,
      seenUpdatedAt: 1_000,
      payerId: payer,
      key: 'key-created',
      status: 201,
      body: '{"order":{"order_no":"CREATED-1"}}',
    }
    const nothingWritten = async () => {
      expect((await repository.orders.find('CREATED-1'))?.cloudpay_param).toBeNull()
      expect(await repository.orders.listEvents('CREATED-1')).toEqual([])
      expect((await repository.idempotency.find(payer, 'key-created'))?.state).toBe('in_flight')
    }

    // Another writer changed the order after its creator saw it: nothing is written.
    expect(await repository.recordCreatedPayment({ ...write, seenUpdatedAt: 999 })).toBe(false)
    await nothingWritten()
    // Still at the same updated_at but no longer pending (a write within the same millisecond).
    await repository.orders.insert(
      order('CREATED-2', { payer_id: payer, status: 'closed', updated_at: 1_000 }),
    )
    expect(await repository.recordCreatedPayment({ ...write, orderNo: 'CREATED-2' })).toBe(false)
    expect(await repository.orders.listEvents('CREATED-2')).toEqual([])
    await nothingWritten()

    expect(await repository.recordCreatedPayment(write)).toBe(true)
    const stored = await repository.orders.find('CREATED-1')
    expect(stored).toMatchObject({
      status: 'pending',
      cloudpay_param: write.cloudpayParam,
      upstream: 'created',
      updated_at: 2_000,
    })
    expect(await repository.orders.listEvents('CREATED-1')).toMatchObject([
      { order_no: 'CREATED-1', at: 2_000, kind: 'upstream_created', detail: {} },
    ])
    expect(await repository.idempotency.find(payer, 'key-created')).toMatchObject({
      state: 'done',
      response_status: 201,
      response_body: write.body,
    })
    // A second time the order is no longer as seen: nothing more is written.
    expect(await repository.recordCreatedPayment(write)).toBe(false)
    expect(await repository.orders.listEvents('CREATED-1')).toHaveLength(1)
  })

  it("writes the parameters of several creates asked for at once, each with its own key's answer, each only as last seen", async () => {
    // Scopes and keys chosen so that joining each pair's two strings makes one string twice.
    const creates = [
      { orderNo: 'GATHERED-1', payerId: 'ab', key: 'c', asSeen: true },
      { orderNo: 'GATHERED-2', payerId: 'a', key: 'bc', asSeen: true },
      { orderNo: 'GATHERED-3', payerId: 'ab', key: 'd', asSeen: false },
      { orderNo: 'GATHERED-4', payerId: 'a', key: 'c', asSeen: true },
      // Closed within the millisecond its creator saw: no longer as seen.
      { orderNo: 'GATHERED-5', payerId: 'a', key: 'e', asSeen: false, closed: true },
    ]
    for (const { orderNo, payerId, key, closed } of creates) {
      await repository.orders.insert(
        order(orderNo, {
          payer_id: payerId,
          updated_at: 1_000,
          ...(closed === true ? { status: 'closed' as const } : {}),
        }),
      )
      await repository.idempotency.insert(liveKey(payerId, key))
    }
    const written = await Promise.all(
      creates.map(({ orderNo, payerId, key, asSeen, closed }, index) =>
        repository.recordCreatedPayment({
          orderNo,
          cloudpayParam: `{"package":"prepay_id=${orderNo}"}`,
          now: 2_000 + index,
          seenUpdatedAt: asSeen || closed === true ? 1_000 : 999,
          payerId,
          key,
          status: 201,
          body: `{"order":{"order_no":"${orderNo}"}}`,
        }),
      ),
    )
    expect(written).toEqual(creates.map((create) => create.asSeen))

    for (const [index, { orderNo, payerId, key, asSeen }] of creates.entries()) {
      const stored = await repository.orders.find(orderNo)
      const events = await repository.orders.listEvents(orderNo)
      const answer = await repository.idempotency.find(payerId, key)
      if (!asSeen) {
        expect(stored).toMatchObject({ cloudpay_param: null, updated_at: 1_000 })
        expect(events).toEqual([])
        expect(answer).toMatchObject({ state: 'in_flight', response_body: null })
        continue
      }
      expect(stored).toMatchObject({
        status: 'pending',
        cloudpay_param: `{"package":"prepay_id=${orderNo}"}`,
        upstream: 'created',
        updated_at: 2_000 + index,
      })
      expect(events).toMatchObject([
        { order_no: orderNo, at: 2_000 + index, kind: 'upstream_created', detail: {} },
      ])
      expect(answer).toMatchObject({
        state: 'done',
        response_status: 201,
        response_body: `{"order":{"order_no":"${orderNo}"}}`,
      })
    }
  })

  it('leases due pending orders to one owner at a time', async () => {
    await repository.orders.insert(order('DUE1', { payer_id: 'lease' }))
    await repository.orders.insert(order('NOTDUE', { payer_id: 'lease', next_check_at: 9_000 }))
    const first = await repository.transaction((tx) =>
      tx.orders.leaseDue({
        now: 1_600,
        owner: 'a',
        leaseUntil: 5_000,
        limit: 10,
      }),
    )
    expect(first.map((o) => o.order_no)).toContain('DUE1')
    expect(first.map((o) => o.order_no)).not.toContain('NOTDUE')
    const second = await repository.transaction((tx) =>
      tx.orders.leaseDue({
        now: 1_700,
        owner: 'b',
        leaseUntil: 5_000,
        limit: 10,
      }),
    )
    expect(second.map((o) => o.order_no)).not.toContain('DUE1')
    const later = await repository.transaction((tx) =>
      tx.orders.leaseDue({
        now: 5_000,
        owner: 'b',
        leaseUntil: 9_000,
        limit: 10,
      }),
    )
    expect(later.find((o) => o.order_no === 'DUE1')?.lease_owner).toBe('b')
  })

  it('keeps the timeline in order with its JSON detail', async () => {
    await repository.orders.addEvent('BIG', 1, { kind: 'created', detail: { amount: 1, lines: 1 } })
    await repository.orders.addEvent('BIG', 2, {
      kind: 'client_claim',
      detail: { outcome: 'unknown' },
    })
    const events = await repository.orders.listEvents('BIG')
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ['created', { amount: 1, lines: 1 }],
      ['client_claim', { outcome: 'unknown' }],
    ])
  })

  it('stores notifications and refunds with forward-only refund transitions', async () => {
    const id = await repository.notifications.insert({
      order_no: 'BIG',
      received_at: 1,
      content_type: 'application/json',
      raw_body: '{}',
      outcome: null,
    })
    await repository.notifications.setOutcome(id, 'paid')
    expect((await repository.notifications.list('BIG'))[0]?.outcome).toBe('paid')
    const refund = {
      refund_no: 'R1',
      order_no: 'BIG',
      amount: 9_999_999_999,
      status: 'pending' as const,
      reason: null,
      attempts: 0,
      created_at: 1,
      updated_at: 1,
    }
    expect(await repository.refunds.insert(refund)).toBe(true)
    expect(await repository.refunds.insert(refund)).toBe(false)
    expect(
      await repository.refunds.transition('R1', ['pending'], 'refunded', { attempts: 1 }, 2),
    ).toBe(true)
    expect(await repository.refunds.transition('R1', ['pending'], 'failed', {}, 3)).toBe(false)
    expect(await repository.refunds.find('R1')).toMatchObject({
      status: 'refunded',
      amount: 9_999_999_999,
    })
  })
  it("reads a shopper's order with its refunds in one statement, as the separate reads answer them", async () => {
    // Only the fields the shopper is shown, each as the whole record has it.
    const shown = (record: OrderRecord | undefined) =>
      record && Object.fromEntries(SHOPPER_ORDER_FIELDS.map((field) => [field, record[field]]))
    await repository.orders.insert(
      order('WITH-REFUNDS', { amount: 9_999_999_999, paid_at: 7, transaction_no: 'T-WITH' }),
    )
    await repository.orders.insert(order('NO-REFUNDS'))
    const refund = (refundNo: string, createdAt: number, reason: string | null) => ({
      refund_no: refundNo,
      order_no: 'WITH-REFUNDS',
      amount: 4_999_999_999,
      status: 'pending' as const,
      reason,
      attempts: 0,
      created_at: createdAt,
      updated_at: createdAt,
    })
    // Inserted out of order: the list is oldest first, then by number.
    await repository.refunds.insert(refund('R-B', 20, null))
    await repository.refunds.insert(refund('R-C', 10, '原因 "quoted"'))
    await repository.refunds.insert(refund('R-A', 20, null))
    const found = await repository.orders.findShopperOrder('WITH-REFUNDS', 'payer-1')
    expect(found?.order).toEqual(shown(await repository.orders.find('WITH-REFUNDS')))
    expect(found?.order).toMatchObject({ paid_at: 7, transaction_no: 'T-WITH' })
    expect(found?.refunds).toEqual(await repository.refunds.list('WITH-REFUNDS'))
    expect(found?.refunds.map((each) => each.refund_no)).toEqual(['R-C', 'R-A', 'R-B'])
    expect(found?.refunds[0]).toMatchObject({ amount: 4_999_999_999, reason: '原因 "quoted"' })
    expect(await repository.orders.findShopperOrder('NO-REFUNDS', 'payer-1')).toEqual({
      order: shown(await repository.orders.find('NO-REFUNDS')),
      refunds: [],
    })
    // Another shopper's order is indistinguishable from none.
    expect(await repository.orders.findShopperOrder('WITH-REFUNDS', 'payer-2')).toBeUndefined()
    expect(await repository.orders.findShopperOrder('MISSING', 'payer-1')).toBeUndefined()
  })

  it("answers polls asked for together (gathered into one statement on PostgreSQL) each with its own shopper's order", async () => {
    await repository.orders.insert(order('POLL-A', { payer_id: 'poller-a', amount: 101 }))
    await repository.orders.insert(order('POLL-B', { payer_id: 'poller-b', amount: 202 }))
    const alone = await repository.orders.findShopperOrder('POLL-A', 'poller-a')
    // Asked for in one turn: the same order twice, another shopper's, a stranger's try at it, and
    // an unknown number.
    const together = await Promise.all([
      repository.orders.findShopperOrder('POLL-A', 'poller-a'),
      repository.orders.findShopperOrder('POLL-B', 'poller-b'),
      repository.orders.findShopperOrder('POLL-A', 'poller-a'),
      repository.orders.findShopperOrder('POLL-B', 'poller-a'),
      repository.orders.findShopperOrder('POLL-MISSING', 'poller-a'),
    ])
    expect(together[0]).toEqual(alone)
    expect(together[1]?.order).toMatchObject({ order_no: 'POLL-B', amount: 202 })
    expect(together[1]?.refunds).toEqual([])
    expect(together[2]).toEqual(alone)
    expect(together[3]).toBeUndefined()
    expect(together[4]).toBeUndefined()
  })
})
