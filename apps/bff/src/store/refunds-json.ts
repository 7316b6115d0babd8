import type { ExpressionBuilder, RawBuilder, Selectable } from 'kysely'
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres'
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite'

import type { DatabaseSchema, RefundTable } from './database-schema'
import type { DatabaseKind } from './open-database'
import type { RefundRecord } from './records'
import { toRefund } from './refund-store'

/** Every column of a refund, named: SQLite's json_object needs each one spelled out. */
const REFUND_COLUMNS = [
  'refunds.refund_no',
  'refunds.order_no',
  'refunds.amount',
  'refunds.status',
  'refunds.reason',
  'refunds.attempts',
  'refunds.created_at',
  'refunds.updated_at',
] as const

/**
 * A column expression for a query on `orders`: the order's refunds as one JSON array (SQLite's
 * json_group_array, PostgreSQL's json_agg), read with the order in one statement.
 */
export function ordersRefundsJson(
  eb: ExpressionBuilder<DatabaseSchema, 'orders'>,
  kind: DatabaseKind,
): RawBuilder<unknown> {
  const refunds = eb
    .selectFrom('refunds')
    .select(REFUND_COLUMNS)
    .whereRef('refunds.order_no', '=', 'orders.order_no')
  return kind === 'sqlite' ? sqliteJsonArray(refunds) : postgresJsonArray(refunds)
}

/**
 * The refunds of `ordersRefundsJson`, oldest first (by created_at, then refund_no, as
 * `RefundStore.list`): SQLite answers the array as text, PostgreSQL as parsed JSON. Sorted here,
 * since neither aggregate promises the order of its rows.
 */
export function refundsFromJson(value: unknown): RefundRecord[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as
    Selectable<RefundTable>[] | null
  if (rows === null || rows.length === 0) return []
  return rows
    .map(toRefund)
    .sort(
      (a, b) =>
        a.created_at - b.created_at ||
        (a.refund_no < b.refund_no ? -1 : a.refund_no > b.refund_no ? 1 : 0),
    )
}
