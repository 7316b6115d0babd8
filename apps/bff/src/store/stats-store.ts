import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'

const DAY_MS = 86_400_000

/** A count and an amount for one group. */
export interface GroupTotals {
  count: number
  amount: number
}

/** A confirmed payment: what confirmed it, when, and when the aggregator says it was paid. */
export interface ConfirmationRow {
  detail: string
  at: number
  paid_at: number | null
  created_at: number
}

const asNumber = (value: unknown): number => Number(value ?? 0)

/**
 * The merchant overview's aggregates, in SQL both SQLite and PostgreSQL run the same way: integer
 * day buckets (`(t + offset) / 86400000` divides integers on both), GROUP BY on a select alias,
 * numbers inlined only as validated integers. Percentiles are left to the caller (neither engine
 * has one portable function).
 */
export class StatsStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Orders created (by `created_at`) or paid (by `paid_at`) in [from, to), grouped by day of the
   * merchant's clock (`offsetMs` east of UTC) and channel.
   */
  async totalsByDayAndChannel(
    column: 'created_at' | 'paid_at',
    from: number,
    to: number,
    offsetMs: number,
  ): Promise<{ day: number; channel: string; count: number; amount: number }[]> {
    const offset = sql.lit(Math.trunc(offsetMs))
    const time = sql.ref(column)
    const result = await sql<{ day: unknown; channel: string; count: unknown; amount: unknown }>`
      select (${time} + ${offset}) / ${sql.lit(DAY_MS)} as day, channel,
        count(*) as count, coalesce(sum(amount), 0) as amount
      from orders
      where ${time} >= ${from} and ${time} < ${to}
      group by day, channel`.execute(this.db)
    return result.rows.map((row) => ({
      day: asNumber(row.day),
      channel: row.channel,
      count: asNumber(row.count),
      amount: asNumber(row.amount),
    }))
  }

  /** The `transition` events to `paid` in [from, to), newest first, at most `limit`. */
  async paidTransitions(from: number, to: number, limit: number): Promise<ConfirmationRow[]> {
    const rows = await this.db
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.order_no', 'e.order_no')
      .select(['e.detail', 'e.at', 'o.paid_at', 'o.created_at'])
      .where('e.kind', '=', 'transition')
      // The ledger writes the detail with JSON.stringify, so the text has no spaces.
      .where('e.detail', 'like', '%"to":"paid"%')
      .where('e.at', '>=', from)
      .where('e.at', '<', to)
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      detail: row.detail,
      at: asNumber(row.at),
      paid_at: row.paid_at === null ? null : asNumber(row.paid_at),
      created_at: asNumber(row.created_at),
    }))
  }

  /** Notifications received in [from, to) by outcome (null while one is being handled). */
  async notificationOutcomes(
    from: number,
    to: number,
  ): Promise<{ outcome: string | null; count: number }[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .select(['outcome', (eb) => eb.fn.countAll().as('count')])
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .groupBy('outcome')
      .execute()
    return rows.map((row) => ({ outcome: row.outcome, count: asNumber(row.count) }))
  }

  /** How many orders are flagged for review. */
  async countNeedsReview(): Promise<number> {
    const row = await this.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('needs_review', '=', 1)
      .executeTakeFirst()
    return asNumber(row?.count)
  }
}
