import type { OrderEvent } from '@quickpay/contracts'
import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import {
  eventOfReturnedOrder,
  ORDER_COLUMNS,
  openOrdersCount,
  orderRow,
  orderSlots,
} from './order-store'
import { QueryTemplate, slot } from './query-template'
import type { OrderRecord } from './records'
import type { Stores, Transaction } from './repository'

/** A new order's first write (`Repository.insertPendingOrder`). */
export interface PendingOrderInsert {
  /** The pending order, numbered and priced. */
  order: OrderRecord
  /** Its first timeline event. */
  event: Extract<OrderEvent, { kind: 'created' }>
  /** The Idempotency-Key it is created under (scope: the order's payer), already claimed. */
  key: string
  /** How many open orders the shopper may have; at this many, nothing is written. */
  openLimit: number
}

/** Whether the order was written, or refused because the shopper has too many open ones. */
export type PendingOrderInserted = 'inserted' | 'too_many_open'

/** Whether the shopper already has `openLimit` open orders (counted only up to the limit). */
async function atOpenLimit(stores: Stores, input: PendingOrderInsert): Promise<boolean> {
  const { payer_id, created_at } = input.order
  const open = await stores.orders.countOpenOfPayer(payer_id, created_at, input.openLimit)
  return open >= input.openLimit
}

/**
 * PostgreSQL's one statement for the count and the three writes: the open orders counted (up to
 * the limit, `openOrdersCount`), then the order, its event and the key's order number,
 * as data-modifying WITH queries that write only below the limit. PostgreSQL runs every part of
 * one statement against one snapshot and commits them together, so it is as atomic as the
 * transaction it replaces; the statement answers the new order's number when it wrote.
 */
export function pendingOrderStatement(db: Kysely<DatabaseSchema>) {
  const columnSlots = orderSlots()
  return new QueryTemplate(
    db
      .with('open_orders', () => openOrdersCount(db))
      .with('new_order', (query) =>
        query
          .insertInto('orders')
          .columns(ORDER_COLUMNS)
          .expression((eb) =>
            eb
              .selectFrom('open_orders')
              // PostgreSQL gives these parameters the types of the columns they are inserted into.
              .select(ORDER_COLUMNS.map((column) => sql`${columnSlots[column]}`.as(column)))
              .where('open_orders.count', '<', slot<number>('upTo')),
          )
          .returning('order_no'),
      )
      .with('new_event', () => eventOfReturnedOrder(db, 'new_order'))
      .with('keyed', (query) =>
        query
          .updateTable('idempotency_keys')
          .set({ order_no: slot('order_no') })
          .where('payer_id', '=', slot('payer_id'))
          .where('key', '=', slot('key'))
          .where((eb) => eb.exists(eb.selectFrom('new_order').select('new_order.order_no'))),
      )
      .selectFrom('new_order')
      .select('new_order.order_no'),
    [...ORDER_COLUMNS, 'event_at', 'event_kind', 'event_detail', 'key', 'payerId', 'now', 'upTo'],
  )
}

/**
 * On PostgreSQL: the count and the three writes in one statement, one round trip where a
 * transaction took six (BEGIN, the count, three writes, COMMIT). The count was never a lock here:
 * at READ COMMITTED two creates of one shopper could both pass it inside the transaction too, so
 * the limit keeps the same meaning (a bound on abuse, not an exact count).
 */
export async function insertPendingOnPostgres(
  db: Kysely<DatabaseSchema>,
  statement: ReturnType<typeof pendingOrderStatement>,
  input: PendingOrderInsert,
): Promise<PendingOrderInserted> {
  const { order, event } = input
  const { rows } = await db.executeQuery(
    statement.bind({
      ...orderRow(order),
      event_at: order.created_at,
      event_kind: event.kind,
      event_detail: JSON.stringify(event.detail),
      key: input.key,
      payerId: order.payer_id,
      now: order.created_at,
      upTo: input.openLimit,
    }),
  )
  return rows.length > 0 ? 'inserted' : 'too_many_open'
}

/**
 * On SQLite: the count and the three writes in one unit of the group commit, where a statement
 * costs no round trip and the batch's writes are serial, so the count is exact.
 */
export async function insertPendingInTransaction(
  tx: Transaction,
  input: PendingOrderInsert,
): Promise<PendingOrderInserted> {
  if (await atOpenLimit(tx, input)) return 'too_many_open'
  const { order, event } = input
  await tx.orders.insert(order)
  await tx.orders.addEvent(order.order_no, order.created_at, event)
  await tx.idempotency.attach(order.payer_id, input.key, order.order_no)
  return 'inserted'
}
