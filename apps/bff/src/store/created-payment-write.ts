import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { answerUpdate } from './idempotency-store'
import { paymentParametersUpdate } from './order-store'
import { QueryTemplate, slot } from './query-template'
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
      .with('moved', () =>
        paymentParametersUpdate(db)
          .where('status', '=', 'pending')
          .where('updated_at', '=', slot<number>('seenUpdatedAt'))
          .returning('order_no'),
      )
      .with('new_event', (query) =>
        query
          .insertInto('order_events')
          .columns(['order_no', 'at', 'kind', 'detail'])
          .expression((eb) =>
            eb.selectFrom('moved').select([
              'moved.order_no',
              // PostgreSQL gives this parameter the type of the column it is inserted into.
              sql<number>`${slot('now')}`.as('at'),
              sql<string>`'upstream_created'`.as('kind'),
              sql<string>`'{}'`.as('detail'),
            ]),
          ),
      )
      .with('answer', () => answerUpdate(db).where(sql<boolean>`exists (select 1 from moved)`))
      .selectFrom('moved')
      .select('moved.order_no'),
    ['cloudpayParam', 'now', 'orderNo', 'seenUpdatedAt', 'status', 'body', 'payerId', 'key'],
  )
}

/** On PostgreSQL: one statement, one round trip; answers whether it wrote. */
export async function writeCreatedOnPostgres(
  db: Kysely<DatabaseSchema>,
  statement: ReturnType<typeof createdPaymentStatement>,
  input: CreatedPaymentWrite,
): Promise<boolean> {
  const { rows } = await db.executeQuery(statement.bind(input))
  return rows.length > 0
}

/**
 * On SQLite: the same writes as one unit of the group commit, where a statement costs no round
 * trip and the batch's writes are serial, so reading the order first is exact.
 */
export async function writeCreatedInTransaction(
  tx: Transaction,
  input: CreatedPaymentWrite,
): Promise<boolean> {
  const current = await tx.orders.find(input.orderNo)
  if (current?.status !== 'pending' || current.updated_at !== input.seenUpdatedAt) return false
  await tx.orders.setPaymentParameters(input.orderNo, input.cloudpayParam, input.now)
  await tx.orders.addEvent(input.orderNo, input.now, { kind: 'upstream_created', detail: {} })
  await tx.idempotency.complete(input.payerId, input.key, {
    status: input.status,
    body: input.body,
  })
  return true
}
