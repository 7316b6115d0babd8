import type { OrderEvent } from '@quickpay/contracts'
import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { answerUpdate } from './idempotency-store'
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
 * commit. Each order's values are found in the arrays at its number's position. They are not
 * joined in as a `FROM` list: an `UPDATE` joined to anything but a table makes PostgreSQL copy
 * every joined row whole for its recheck of concurrent updates, the answers' bodies included.
 * Answers the numbers of the orders it wrote.
 */
export function createdPaymentsStatement(inputs: readonly CreatedPaymentWrite[]) {
  const orderNos = inputs.map((input) => input.orderNo)
  const column = (type: string, pick: (input: CreatedPaymentWrite) => unknown) =>
    sql`${inputs.map(pick)}::${sql.raw(type)}[]`
  // An order's position, and a key's: its scope and key, the scope's length first so that no two
  // pairs make one string.
  const ofOrder = sql`array_position(${orderNos}::text[], order_no::text)`
  const ofKey = sql`array_position(${inputs.map(
    (input) => `${input.payerId.length}:${input.payerId}${input.key}`,
  )}::text[], length(payer_id) || ':' || payer_id || key)`
  return sql<{ order_no: string }>`
    with moved as (
      update orders
      set cloudpay_param = (${column('text', (input) => input.cloudpayParam)})[${ofOrder}],
        upstream = 'created',
        updated_at = (${column('bigint', (input) => input.now)})[${ofOrder}]
      where order_no = any(${orderNos}::text[])
        and status = 'pending'
        and updated_at = (${column('bigint', (input) => input.seenUpdatedAt)})[${ofOrder}]
      returning order_no, updated_at
    ),
    new_event as (
      insert into order_events (order_no, at, kind, detail)
      select order_no, updated_at, ${UPSTREAM_CREATED.kind}, ${JSON.stringify(UPSTREAM_CREATED.detail)}
      from moved
    ),
    answer as (
      update idempotency_keys
      set state = 'done',
        response_status = (${column('integer', (input) => input.status)})[${ofKey}],
        response_body = (${column('text', (input) => input.body)})[${ofKey}]
      where payer_id = any(${column('text', (input) => input.payerId)})
        and key = any(${column('text', (input) => input.key)})
        and (${orderNos}::text[])[${ofKey}] = any(array(select order_no from moved))
    )
    select order_no from moved`
}

/** On PostgreSQL, several creates' writes in one statement; answers whether each was written. */
export async function writeManyCreatedOnPostgres(
  db: Kysely<DatabaseSchema>,
  inputs: readonly CreatedPaymentWrite[],
): Promise<boolean[]> {
  const { rows } = await createdPaymentsStatement(inputs).execute(db)
  const written = new Set(rows.map((row) => row.order_no))
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
