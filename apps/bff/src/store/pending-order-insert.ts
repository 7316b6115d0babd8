import type { OrderEvent } from '@quickpay/contracts'
import type { Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { ORDER_COLUMNS, orderRow, orderSlots } from './order-store'
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
 * PostgreSQL's one statement for the three writes: the order, its event and the key's order
 * number, as data-modifying WITH queries. PostgreSQL runs every part of one statement against one
 * snapshot and commits them together, so it is as atomic as the transaction it replaces.
 */
export function pendingOrderStatement(db: Kysely<DatabaseSchema>) {
  return new QueryTemplate(
    db
      .with('new_order', (query) => query.insertInto('orders').values(orderSlots()))
      .with('new_event', (query) =>
        query.insertInto('order_events').values({
          order_no: slot('order_no'),
          at: slot<number>('event_at'),
          kind: slot('event_kind'),
          detail: slot('event_detail'),
        }),
      )
      .updateTable('idempotency_keys')
      .set({ order_no: slot('order_no') })
      .where('payer_id', '=', slot('payer_id'))
      .where('key', '=', slot('key')),
    [...ORDER_COLUMNS, 'event_at', 'event_kind', 'event_detail', 'key'],
  )
}

/**
 * On PostgreSQL: the open orders counted, then the three writes in one statement; two round
 * trips where a transaction took six (BEGIN, the count, three writes, COMMIT). The count was never
 * a lock here: at READ COMMITTED two creates of one shopper could both pass it inside the
 * transaction too, so the limit keeps the same meaning (a bound on abuse, not an exact count).
 */
export async function insertPendingOnPostgres(
  stores: Stores,
  db: Kysely<DatabaseSchema>,
  statement: ReturnType<typeof pendingOrderStatement>,
  input: PendingOrderInsert,
): Promise<PendingOrderInserted> {
  if (await atOpenLimit(stores, input)) return 'too_many_open'
  const { order, event } = input
  await db.executeQuery(
    statement.bind({
      ...orderRow(order),
      event_at: order.created_at,
      event_kind: event.kind,
      event_detail: JSON.stringify(event.detail),
      key: input.key,
    }),
  )
  return 'inserted'
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
