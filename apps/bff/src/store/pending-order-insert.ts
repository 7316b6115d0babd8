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
import type { IdempotencyRecord, OrderRecord } from './records'
import type { Stores, Transaction } from './repository'

/** A new order's first write (`Repository.insertPendingOrder`). */
export interface PendingOrderInsert {
  /** The pending order, numbered and priced. */
  order: OrderRecord
  /** Its first timeline event. */
  event: Extract<OrderEvent, { kind: 'created' }>
  /** The Idempotency-Key it is created under (scope: the order's payer), already claimed. */
  key: string
  /** How many open orders the shopper may have; at this many, no order is written. */
  openLimit: number
  /**
   * The key's record when this write claims it (`IdempotencyClaim.unclaimed`): inserted first, and
   * nothing else is written when the key exists. Without it the key is already claimed.
   */
  newKey?: IdempotencyRecord
}

/**
 * Whether the order was written; refused because the shopper has too many open ones (a `newKey`
 * is claimed all the same, with no order on it); or nothing was written because `newKey`'s key
 * exists.
 */
export type PendingOrderInserted = 'inserted' | 'too_many_open' | 'key_taken'

/** Whether the shopper already has `openLimit` open orders (counted only up to the limit). */
async function atOpenLimit(stores: Stores, input: PendingOrderInsert): Promise<boolean> {
  const { payer_id, created_at } = input.order
  const open = await stores.orders.countOpenOfPayer(payer_id, created_at, input.openLimit)
  return open >= input.openLimit
}

/** The key record's columns, in the order the claiming statement inserts them. */
const KEY_COLUMNS = [
  'payer_id',
  'key',
  'request_hash',
  'state',
  'response_status',
  'response_body',
  'order_no',
  'created_at',
  'expires_at',
  'locked_until',
  'lock_owner',
] as const

/**
 * The key's columns whose values come from slots, each named after it with a `key_` prefix
 * (several share a name with an order column); the statement derives `order_no` from the count.
 */
const KEY_SLOT_COLUMNS = KEY_COLUMNS.filter((column) => column !== 'order_no')
const keySlotName = (column: (typeof KEY_COLUMNS)[number]): string => `key_${column}`

/**
 * PostgreSQL's one statement for a create that claims its key: the open orders counted (up to the
 * limit, `openOrdersCount`), the key's record inserted unless the key exists (carrying the new
 * order's number only below the limit), then the order and its event, written only when the key
 * was inserted with that number. Data-modifying WITH queries: PostgreSQL runs every part of one
 * statement against one snapshot and commits them together, so it is as atomic as a transaction,
 * and a concurrent claim of the same key waits for this one and then inserts nothing. It answers
 * the key's order number (null at the limit), or no row when the key was taken.
 */
export function claimingPendingOrderStatement(db: Kysely<DatabaseSchema>) {
  const columnSlots = orderSlots()
  return new QueryTemplate(
    db
      .with('open_orders', () => openOrdersCount(db))
      .with('claimed', (query) =>
        query
          .insertInto('idempotency_keys')
          .columns(KEY_COLUMNS)
          .expression((eb) =>
            eb
              .selectFrom('open_orders')
              .select(
                KEY_COLUMNS.map((column) =>
                  column === 'order_no'
                    ? sql`case when ${sql.ref('open_orders.count')} < ${slot<number>('upTo')} then ${columnSlots.order_no} end`.as(
                        column,
                      )
                    : sql`${slot(keySlotName(column))}`.as(column),
                ),
              ),
          )
          .onConflict((conflict) => conflict.columns(['payer_id', 'key']).doNothing())
          .returning('order_no'),
      )
      .with('new_order', (query) =>
        query
          .insertInto('orders')
          .columns(ORDER_COLUMNS)
          .expression((eb) =>
            eb
              .selectFrom('claimed')
              // PostgreSQL gives these parameters the types of the columns they are inserted into.
              .select(ORDER_COLUMNS.map((column) => sql`${columnSlots[column]}`.as(column)))
              .where('claimed.order_no', 'is not', null),
          )
          .returning('order_no'),
      )
      .with('new_event', () => eventOfReturnedOrder(db, 'new_order'))
      .selectFrom('claimed')
      .select('claimed.order_no'),
    [
      ...ORDER_COLUMNS,
      ...KEY_SLOT_COLUMNS.map(keySlotName),
      'event_at',
      'event_kind',
      'event_detail',
      'payerId',
      'now',
      'upTo',
    ],
  )
}

/**
 * On PostgreSQL, a create that claims its key: the count, the key and the two writes in one
 * statement, one round trip where the claim and a statement for the rest took two (and two
 * commits). The count was never a lock here: at READ COMMITTED two creates of one shopper could
 * both pass it inside a transaction too, so the limit keeps the same meaning (a bound on abuse,
 * not an exact count).
 */
export async function insertClaimingOnPostgres(
  db: Kysely<DatabaseSchema>,
  statement: ReturnType<typeof claimingPendingOrderStatement>,
  input: PendingOrderInsert & { newKey: IdempotencyRecord },
): Promise<PendingOrderInserted> {
  const { order, event, newKey } = input
  const { rows } = await db.executeQuery(
    statement.bind({
      ...orderRow(order),
      ...Object.fromEntries(
        KEY_SLOT_COLUMNS.map((column) => [keySlotName(column), newKey[column]]),
      ),
      event_at: order.created_at,
      event_kind: event.kind,
      event_detail: JSON.stringify(event.detail),
      payerId: order.payer_id,
      now: order.created_at,
      upTo: input.openLimit,
    }),
  )
  const [claimed] = rows
  if (claimed === undefined) return 'key_taken'
  return claimed.order_no === null ? 'too_many_open' : 'inserted'
}

/**
 * In one transaction: the key claimed (with `newKey`), the count, then the order, its event and
 * its number on the key. On SQLite every create takes this way, as one unit of the group commit,
 * where a statement costs no round trip and the batch's writes are serial, so the count is exact;
 * on PostgreSQL only a create whose key was claimed before (a retry's) does.
 */
export async function insertPendingInTransaction(
  tx: Transaction,
  input: PendingOrderInsert,
): Promise<PendingOrderInserted> {
  if (input.newKey !== undefined && !(await tx.idempotency.insert(input.newKey))) return 'key_taken'
  if (await atOpenLimit(tx, input)) return 'too_many_open'
  const { order, event } = input
  await tx.orders.insert(order)
  await tx.orders.addEvent(order.order_no, order.created_at, event)
  await tx.idempotency.attach(order.payer_id, input.key, order.order_no)
  return 'inserted'
}
