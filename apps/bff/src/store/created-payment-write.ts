import type { OrderEvent } from '@quickpay/contracts'
import { CompiledQuery, sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { answerUpdate, scopedKey } from './idempotency-store'
import { eventOfReturnedOrder, paymentParametersUpdateIfAsSeen } from './order-store'
import { QueryTemplate } from './query-template'
import type { Transaction } from './repository'

/**
 * What JSAPIPay's payment parameters change (`Repository.recordCreatedPayment`): the order's
 * parameters and its `upstream_created` event, with the create request's final answer stored on
 * its Idempotency-Key, all or nothing, and only while the order is as its creator last saw it.
 */
export interface CreatedPaymentWrite {
  orderNo: string
  cloudpayParam: string
  now: number
  /**
   * The order's `updated_at` when its creator last read or wrote it. Every write that changes a
   * field the answer shows sets `updated_at`, so an order still `pending` at this value is the one
   * the answer was built from; any other state writes nothing.
   */
  seenUpdatedAt: number
  /** The key's scope (the order's payer) and the key the request claimed. */
  payerId: string
  key: string
  /** The request's final answer, stored on the key for replays. */
  status: number
  body: string
}

/** The event the parameters are stored with, on both engines. */
const UPSTREAM_CREATED: Extract<OrderEvent, { kind: 'upstream_created' }> = {
  kind: 'upstream_created',
  detail: {},
}

/**
 * PostgreSQL's one statement for the three writes, as data-modifying WITH queries: the event and
 * the key's answer are written only when the guarded update found the order (`moved`), and the
 * statement answers that order's number when it did. PostgreSQL commits the parts of one
 * statement together, so it is as atomic as the transaction it replaces (BEGIN, three writes,
 * COMMIT: five round trips).
 */
export function createdPaymentStatement(db: Kysely<DatabaseSchema>) {
  return new QueryTemplate(
    db
      .with('moved', () => paymentParametersUpdateIfAsSeen(db).returning('order_no'))
      .with('new_event', () => eventOfReturnedOrder(db, 'moved'))
      .with('answer', () => answerUpdate(db).where(sql<boolean>`exists (select 1 from moved)`))
      .selectFrom('moved')
      .select('moved.order_no'),
    [
      'cloudpayParam',
      'now',
      'orderNo',
      'seenUpdatedAt',
      'event_at',
      'event_kind',
      'event_detail',
      'status',
      'body',
      'payerId',
      'key',
    ],
  )
}

/** On PostgreSQL: one statement, one round trip; answers whether it wrote. */
export async function writeCreatedOnPostgres(
  db: Kysely<DatabaseSchema>,
  statement: ReturnType<typeof createdPaymentStatement>,
  input: CreatedPaymentWrite,
): Promise<boolean> {
  const { rows } = await db.executeQuery(
    statement.bind({
      ...input,
      event_at: input.now,
      event_kind: UPSTREAM_CREATED.kind,
      event_detail: JSON.stringify(UPSTREAM_CREATED.detail),
    }),
  )
  return rows.length > 0
}

/**
 * PostgreSQL's one statement for the writes of several creates (each of another order): the same
 * three writes as `createdPaymentStatement`, each order guarded as there, in one statement and one
 * commit. Each order's values are found in the arrays at its number's position, and each key's at
 * its pair's (`$5`: the scope's length, the scope and the key as one string, so that no two pairs
 * make one string). They are not joined in as a `FROM` list: an `UPDATE` joined to anything but a
 * table makes PostgreSQL copy every joined row whole for its recheck of concurrent updates, the
 * answers' bodies included. One text for any number of creates, so one named statement; each array
 * is sent once. Answers the numbers of the orders it wrote.
 */
const CREATED_PAYMENTS_SQL = `
  with moved as (
    update orders
    set cloudpay_param = ($2::text[])[array_position($1::text[], order_no::text)],
      upstream = 'created',
      updated_at = ($3::bigint[])[array_position($1::text[], order_no::text)]
    where order_no = any($1::text[])
      and status = 'pending'
      and updated_at = ($4::bigint[])[array_position($1::text[], order_no::text)]
    returning order_no, updated_at
  ),
  new_event as (
    insert into order_events (order_no, at, kind, detail)
    select order_no, updated_at, $10, $11 from moved
  ),
  answer as (
    update idempotency_keys
    set state = 'done',
      response_status = ($8::integer[])[array_position($5::text[], length(payer_id) || ':' || payer_id || key)],
      response_body = ($9::text[])[array_position($5::text[], length(payer_id) || ':' || payer_id || key)]
    where payer_id = any($6::text[])
      and key = any($7::text[])
      and ($1::text[])[array_position($5::text[], length(payer_id) || ':' || payer_id || key)]
        = any(array(select order_no from moved))
  )
  select order_no from moved`

/** On PostgreSQL, several creates' writes in one statement; answers whether each was written. */
export async function writeManyCreatedOnPostgres(
  db: Kysely<DatabaseSchema>,
  inputs: readonly CreatedPaymentWrite[],
): Promise<boolean[]> {
  const column = <Value>(pick: (input: CreatedPaymentWrite) => Value): Value[] => inputs.map(pick)
  const { rows } = await db.executeQuery(
    CompiledQuery.raw(CREATED_PAYMENTS_SQL, [
      column((input) => input.orderNo),
      column((input) => input.cloudpayParam),
      column((input) => input.now),
      column((input) => input.seenUpdatedAt),
      column((input) => scopedKey(input.payerId, input.key)),
      column((input) => input.payerId),
      column((input) => input.key),
      column((input) => input.status),
      column((input) => input.body),
      UPSTREAM_CREATED.kind,
      JSON.stringify(UPSTREAM_CREATED.detail),
    ]),
  )
  const written = new Set((rows as { order_no: string }[]).map((row) => row.order_no))
  return inputs.map((input) => written.has(input.orderNo))
}

/**
 * On SQLite: the same guarded update, then the event and the answer, as one unit of the group
 * commit.
 */
export async function writeCreatedInTransaction(
  tx: Transaction,
  input: CreatedPaymentWrite,
): Promise<boolean> {
  const { orderNo, cloudpayParam, now, seenUpdatedAt } = input
  if (!(await tx.orders.setPaymentParametersIfAsSeen(orderNo, cloudpayParam, now, seenUpdatedAt)))
    return false
  await tx.orders.addEvent(orderNo, now, UPSTREAM_CREATED)
  await tx.idempotency.complete(input.payerId, input.key, {
    status: input.status,
    body: input.body,
  })
  return true
}
