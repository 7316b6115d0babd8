import type { NotificationOutcome } from '@quickpay/contracts'
import type { Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { QueryTemplate, slot } from './query-template'
import type { NotificationRecord } from './records'

/** The notifications' fixed-shape queries, compiled once per database handle. */
export function notificationQueries(db: Kysely<DatabaseSchema>) {
  return {
    insert: new QueryTemplate(
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
    setOutcome: new QueryTemplate(
      db
        .updateTable('notifications')
        .set({ outcome: slot('outcome') })
        .where('id', '=', slot<number>('id')),
      ['outcome', 'id'],
    ),
    isStored: new QueryTemplate(
      db
        .selectFrom('notifications')
        .select('id')
        .where('order_no', '=', slot('orderNo'))
        .where('raw_body', '=', slot('rawBody'))
        .limit(1),
      ['orderNo', 'rawBody'],
    ),
    list: new QueryTemplate(
      db
        .selectFrom('notifications')
        .selectAll()
        .where('order_no', '=', slot('orderNo'))
        .orderBy('id'),
      ['orderNo'],
    ),
  }
}

/** Raw aggregator notifications as received, with what became of each. */
export class NotificationStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof notificationQueries>,
  ) {}

  /** Stores a raw notification; answers its id. */
  async insert(record: Omit<NotificationRecord, 'id'>): Promise<number> {
    const { rows } = await this.db.executeQuery(
      this.queries.insert.bind({
        orderNo: record.order_no,
        receivedAt: record.received_at,
        contentType: record.content_type,
        rawBody: record.raw_body,
        outcome: record.outcome,
      }),
    )
    if (rows[0] === undefined) throw new Error('insert into notifications returned no id')
    return Number(rows[0].id)
  }

  /** Records what became of a notification. */
  async setOutcome(id: number, outcome: NotificationOutcome): Promise<void> {
    await this.db.executeQuery(this.queries.setOutcome.bind({ outcome, id }))
  }

  /**
   * Whether a notification with exactly these bytes is stored for the order (its index on
   * `order_no`, then the order's few rows compared).
   */
  async isStored(orderNo: string, rawBody: string): Promise<boolean> {
    const { rows } = await this.db.executeQuery(this.queries.isStored.bind({ orderNo, rawBody }))
    return rows.length > 0
  }

  /** An order's notifications, oldest first. */
  async list(orderNo: string): Promise<NotificationRecord[]> {
    const { rows } = await this.db.executeQuery(this.queries.list.bind({ orderNo }))
    return rows.map((row) => ({ ...row, id: Number(row.id), received_at: Number(row.received_at) }))
  }
}
