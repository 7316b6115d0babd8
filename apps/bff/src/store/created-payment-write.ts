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
