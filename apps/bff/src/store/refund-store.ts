import type { Kysely, Selectable } from 'kysely'

import type { DatabaseSchema, RefundTable } from './database-schema'
import { QueryTemplate, slot } from './query-template'
import type { RefundRecord, RefundStatus } from './records'

/** The refunds' fixed-shape queries, compiled once per database handle. */
export function refundQueries(db: Kysely<DatabaseSchema>) {
  return {
    find: new QueryTemplate(
      db.selectFrom('refunds').selectAll().where('refund_no', '=', slot('refundNo')),
      ['refundNo'],
    ),
    list: new QueryTemplate(
      db
        .selectFrom('refunds')
        .selectAll()
        .where('order_no', '=', slot('orderNo'))
        .orderBy('created_at')
        .orderBy('refund_no'),
      ['orderNo'],
    ),
    listPending: new QueryTemplate(
      db
        .selectFrom('refunds')
        .selectAll()
        .where('status', '=', 'pending')
        .where('updated_at', '<=', slot<number>('before'))
        .orderBy('updated_at')
        .limit(slot<number>('limit')),
      ['before', 'limit'],
    ),
  }
}

/** A stored refund row as its record (PostgreSQL answers bigint columns as strings). */
export function toRefund(row: Selectable<RefundTable>): RefundRecord {
  return {
    ...row,
    status: row.status as RefundStatus,
    amount: Number(row.amount),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  }
}

/** Refunds of orders; a refund's status moves only forward. */
export class RefundStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof refundQueries>,
  ) {}

  /** Stores a new refund; answers false if `refund_no` exists. */
  async insert(refund: RefundRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('refunds')
      .values(refund)
      .onConflict((oc) => oc.column('refund_no').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
  }

  /** A refund by number. */
  async find(refundNo: string): Promise<RefundRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.find.bind({ refundNo }))
    return rows[0] === undefined ? undefined : toRefund(rows[0])
  }

  /** An order's refunds, oldest first. */
  async list(orderNo: string): Promise<RefundRecord[]> {
    const { rows } = await this.db.executeQuery(this.queries.list.bind({ orderNo }))
    return rows.map(toRefund)
  }

  /** Refunds still `pending` whose last update is at or before `before`, oldest first. */
  async listPending(before: number, limit: number): Promise<RefundRecord[]> {
    const { rows } = await this.db.executeQuery(this.queries.listPending.bind({ before, limit }))
    return rows.map(toRefund)
  }

  /** Moves a refund to `to` only if its status is one of `from`; answers whether it changed. */
  async transition(
    refundNo: string,
    from: readonly RefundStatus[],
    to: RefundStatus,
    patch: { attempts?: number },
    now: number,
  ): Promise<boolean> {
    if (from.length === 0) return false
    const result = await this.db
      .updateTable('refunds')
      .set({ ...patch, status: to, updated_at: now })
      .where('refund_no', '=', refundNo)
      .where('status', 'in', [...from])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }
}
