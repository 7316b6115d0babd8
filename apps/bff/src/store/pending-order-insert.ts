import type { OrderEvent } from '@quickpay/contracts'
import { CompiledQuery, sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { scopedKey } from './idempotency-store'
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

/** A create that claims its key in its first write (`insertClaimingOnPostgres`). */
export type ClaimingInsert = PendingOrderInsert & { newKey: IdempotencyRecord }

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
  input: ClaimingInsert,
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

/** The key a claiming insert is gathered by: its scope and key (`scopedKey`). */
export function claimedKeyOf(input: ClaimingInsert): string {
  return scopedKey(input.newKey.payer_id, input.newKey.key)
}

const quotedList = (columns: readonly string[]): string =>
  columns.map((column) => `"${column}"`).join(', ')

/**
 * PostgreSQL's one statement for the creates of several keys (`gatherWrites`): the same writes as
 * `claimingPendingOrderStatement`, for every create at once. The orders and the keys' records come
 * as JSON rows typed by their tables (`$1`, `$2`); each create counts its shopper's open orders as
 * there (two creates of one shopper in one statement both count the orders committed before it,
 * as two concurrent statements would), claims its key unless the key exists (carrying its order's
 * number only below its own limit, `$4`), and writes its order and its event (`$6`, `$7`) only when
 * its key was inserted with that number. LIMIT takes no column, so the count stops at the largest
 * limit (`$3`). One text for any number of creates, so one named statement. Answers the keys it
 * inserted, each with its order's number, or null at the limit.
 */
const CLAIMING_ORDERS_SQL = `
  with new_order as (
    select * from json_populate_recordset(null::orders, $1::json)
  ),
  counted as (
    select new_key.*, (
      select count(*) from (
        select 1 from orders
        where orders.payer_id = new_key.payer_id
          and orders.status = 'pending'
          and orders.expires_at > new_order.created_at
        limit $3
      ) as open_orders
    ) as open_count
    from json_populate_recordset(null::idempotency_keys, $2::json) as new_key
    join new_order on new_order.order_no = new_key.order_no
  ),
  claimed as (
    insert into idempotency_keys (${quotedList(KEY_COLUMNS)})
    select ${KEY_COLUMNS.map((column) =>
      column === 'order_no'
        ? `case when open_count < ($4::bigint[])[array_position($5::text[], order_no::text)] then order_no end`
        : `"${column}"`,
    ).join(', ')}
    from counted
    on conflict (payer_id, key) do nothing
    returning payer_id, key, order_no
  ),
  inserted as (
    insert into orders (${quotedList(ORDER_COLUMNS)})
    select ${quotedList(ORDER_COLUMNS)} from new_order
    where order_no in (select order_no from claimed where order_no is not null)
    returning order_no, created_at
  ),
  new_event as (
    insert into order_events (order_no, at, kind, detail)
    select order_no, created_at,
      ($6::text[])[array_position($5::text[], order_no::text)],
      ($7::text[])[array_position($5::text[], order_no::text)]
    from inserted
  )
  select payer_id, key, order_no from claimed`

/** On PostgreSQL, several creates' first writes in one statement; answers each one's outcome. */
export async function insertManyClaimingOnPostgres(
  db: Kysely<DatabaseSchema>,
  inputs: readonly ClaimingInsert[],
): Promise<PendingOrderInserted[]> {
  const { rows } = await db.executeQuery(
    CompiledQuery.raw(CLAIMING_ORDERS_SQL, [
      JSON.stringify(inputs.map((input) => orderRow(input.order))),
      // Each key's record carries its order's number; the statement keeps it only below the limit.
      JSON.stringify(inputs.map((input) => ({ ...input.newKey, order_no: input.order.order_no }))),
      Math.max(...inputs.map((input) => input.openLimit)),
      inputs.map((input) => input.openLimit),
      inputs.map((input) => input.order.order_no),
      inputs.map((input) => input.event.kind),
      inputs.map((input) => JSON.stringify(input.event.detail)),
    ]),
  )
  const claimed = new Map(
    (rows as { payer_id: string; key: string; order_no: string | null }[]).map((row) => [
      scopedKey(row.payer_id, row.key),
      row.order_no,
    ]),
  )
  return inputs.map((input) => {
    const orderNo = claimed.get(claimedKeyOf(input))
    if (orderNo === undefined) return 'key_taken'
    return orderNo === null ? 'too_many_open' : 'inserted'
  })
}
