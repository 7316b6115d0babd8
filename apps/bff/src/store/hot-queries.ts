import type { Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { QueryTemplate, slot } from './query-template'

/**
 * The repository's queries on the request paths (session, order reads, notifications, timeline,
 * idempotency records), compiled once per database handle; see QueryTemplate.
 */
export function hotQueries(db: Kysely<DatabaseSchema>) {
  return {
    findSession: new QueryTemplate(
      db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', slot('tokenHash'))
        .where('expires_at', '>', slot<number>('now')),
      ['tokenHash', 'now'],
    ),
    findOrder: new QueryTemplate(
      db.selectFrom('orders').selectAll().where('order_no', '=', slot('orderNo')),
      ['orderNo'],
    ),
    findOrderOfPayer: new QueryTemplate(
      db
        .selectFrom('orders')
        .selectAll()
        .where('order_no', '=', slot('orderNo'))
        .where('payer_id', '=', slot('payerId')),
      ['orderNo', 'payerId'],
    ),
    countOpenOrdersOfPayer: new QueryTemplate(
      db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('payer_id', '=', slot('payerId'))
        .where('status', '=', 'pending')
        .where('expires_at', '>', slot<number>('now')),
      ['payerId', 'now'],
    ),
    findIdempotencyKey: new QueryTemplate(
      db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('payer_id', '=', slot('payerId'))
        .where('key', '=', slot('key')),
      ['payerId', 'key'],
    ),
    completeIdempotencyKey: new QueryTemplate(
      db
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          response_status: slot<number>('status'),
          response_body: slot('body'),
        })
        .where('payer_id', '=', slot('payerId'))
        .where('key', '=', slot('key')),
      ['status', 'body', 'payerId', 'key'],
    ),
    addOrderEvent: new QueryTemplate(
      db.insertInto('order_events').values({
        order_no: slot('orderNo'),
        at: slot<number>('at'),
        kind: slot('kind'),
        detail: slot('detail'),
      }),
      ['orderNo', 'at', 'kind', 'detail'],
    ),
    insertNotification: new QueryTemplate(
      db
        .insertInto('notifications')
        .values({
          order_no: slot('orderNo'),
          received_at: slot<number>('receivedAt'),
          content_type: slot('contentType'),
          raw_body: slot('rawBody'),
          outcome: slot('outcome'),
        })
        .returning('id'),
      ['orderNo', 'receivedAt', 'contentType', 'rawBody', 'outcome'],
    ),
    setNotificationOutcome: new QueryTemplate(
      db
        .updateTable('notifications')
        .set({ outcome: slot('outcome') })
        .where('id', '=', slot<number>('id')),
      ['outcome', 'id'],
    ),
  }
}

/** The compiled hot queries of one database handle. */
export type HotQueries = ReturnType<typeof hotQueries>
