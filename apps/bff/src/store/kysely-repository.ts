import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely'

import type { Channel, OrderStatus } from '@quickpay/contracts'

import type { DatabaseSchema, OrderTable } from './database-schema'
import { hotQueries, type HotQueries } from './hot-queries'
import type { DatabaseKind } from './open-database'
import type {
  IdempotencyRecord,
  NotificationRecord,
  OrderEventRecord,
  OrderPatch,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  RefundStatus,
  Repository,
  SessionRecord,
  UpstreamState,
} from './repository'

function toOrder(row: Selectable<OrderTable>): OrderRecord {
  return {
    ...row,
    channel: row.channel as Channel,
    status: row.status as OrderStatus,
    upstream: row.upstream as UpstreamState,
    amount: Number(row.amount),
    refunded_amount: Number(row.refunded_amount),
    items: JSON.parse(row.items) as OrderRecord['items'],
    needs_review: Number(row.needs_review) !== 0,
  }
}

function toOrderColumns(patch: OrderPatch): Partial<OrderTable> {
  const { needs_review, ...rest } = patch
  return needs_review === undefined ? rest : { ...rest, needs_review: needs_review ? 1 : 0 }
}

// Compiled once: building them with the `sql` tag on every transaction cost more than running them.
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')

/** The repository over Kysely, for SQLite (better-sqlite3) and PostgreSQL (pg). */
export class KyselyRepository implements Repository {
  readonly kind: DatabaseKind
  private readonly db: Kysely<DatabaseSchema>
  private readonly inTransaction: boolean
  private readonly hot: HotQueries
  private closing: Promise<void> | undefined

  /**
   * Wraps a Kysely handle (or a transaction's handle when `inTransaction`, sharing the outer
   * repository's compiled hot queries: they depend only on the dialect).
   */
  constructor(
    db: Kysely<DatabaseSchema>,
    kind: DatabaseKind,
    inTransaction = false,
    hot: HotQueries = hotQueries(db),
  ) {
    this.db = db
    this.kind = kind
    this.inTransaction = inTransaction
    this.hot = hot
  }

  async transaction<T>(work: (tx: Repository) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this)
    if (this.kind === 'postgres') {
      return this.db
        .transaction()
        .execute((trx) => work(new KyselyRepository(trx, this.kind, true, this.hot)))
    }
    // Kysely's SQLite driver holds one connection behind a mutex for the whole callback; BEGIN
    // IMMEDIATE takes the write lock up front so a busy database fails at BEGIN (busy_timeout), not mid-way.
    return this.db.connection().execute(async (connection) => {
      await connection.executeQuery(BEGIN_IMMEDIATE)
      try {
        const result = await work(new KyselyRepository(connection, this.kind, true, this.hot))
        await connection.executeQuery(COMMIT)
        return result
      } catch (error) {
        await connection.executeQuery(ROLLBACK).catch(() => undefined)
        throw error
      }
    })
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db)
  }

  async close(): Promise<void> {
    this.closing ??= this.db.destroy()
    await this.closing
  }

  async countProducts(): Promise<number> {
    const row = await this.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow()
    return Number(row.count)
  }

  async insertProducts(products: ProductRecord[]): Promise<void> {
    if (products.length === 0) return
    await this.db
      .insertInto('products')
      .values(products)
      .onConflict((conflict) => conflict.column('sku').doNothing())
      .execute()
  }

  async listProducts(): Promise<ProductRecord[]> {
    const rows = await this.db.selectFrom('products').selectAll().orderBy('position').execute()
    return rows.map((row) => ({ ...row, price: Number(row.price) }))
  }

  async findProducts(skus: string[]): Promise<ProductRecord[]> {
    if (skus.length === 0) return []
    const rows = await this.db.selectFrom('products').selectAll().where('sku', 'in', skus).execute()
    return rows.map((row) => ({ ...row, price: Number(row.price) }))
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute()
  }

  async findSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.hot.findSession.bind({ tokenHash, now }))
    const row = rows[0]
    if (row === undefined) return undefined
    return {
      ...row,
      channel: row.channel as Channel,
      created_at: Number(row.created_at),
      expires_at: Number(row.expires_at),
    }
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async insertOrder(order: OrderRecord): Promise<void> {
    await this.db
      .insertInto('orders')
      .values({
        ...order,
        items: JSON.stringify(order.items),
        needs_review: order.needs_review ? 1 : 0,
      })
      .execute()
  }

  async findOrder(orderNo: string): Promise<OrderRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.hot.findOrder.bind({ orderNo }))
    return rows[0] === undefined ? undefined : toOrder(rows[0])
  }

  async findOrderOfPayer(orderNo: string, payerId: string): Promise<OrderRecord | undefined> {
    const { rows } = await this.db.executeQuery(
      this.hot.findOrderOfPayer.bind({ orderNo, payerId }),
    )
    return rows[0] === undefined ? undefined : toOrder(rows[0])
  }

  async listOrdersOfPayer(payerId: string, limit: number): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('payer_id', '=', payerId)
      .orderBy('created_at', 'desc')
      .orderBy('order_no', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toOrder)
  }

  async listOrders(options: {
    limit: number
    offset?: number
    status?: OrderStatus
  }): Promise<OrderRecord[]> {
    let query = this.db.selectFrom('orders').selectAll()
    if (options.status !== undefined) query = query.where('status', '=', options.status)
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('order_no', 'desc')
      .limit(options.limit)
      .offset(options.offset ?? 0)
      .execute()
    return rows.map(toOrder)
  }

  async countOpenOrdersOfPayer(payerId: string, now: number): Promise<number> {
    const { rows } = await this.db.executeQuery(
      this.hot.countOpenOrdersOfPayer.bind({ payerId, now }),
    )
    return Number(rows[0]?.count ?? 0)
  }

  async updateOrder(orderNo: string, patch: OrderPatch, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('orders')
      .set({ ...toOrderColumns(patch), updated_at: now })
      .where('order_no', '=', orderNo)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async transitionOrder(
    orderNo: string,
    from: readonly OrderStatus[],
    to: OrderStatus,
    patch: OrderPatch,
    now: number,
  ): Promise<boolean> {
    if (from.length === 0) return false
    const result = await this.db
      .updateTable('orders')
      .set({ ...toOrderColumns(patch), status: to, updated_at: now })
      .where('order_no', '=', orderNo)
      .where('status', 'in', [...from])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async leaseDueOrders(options: {
    now: number
    owner: string
    leaseUntil: number
    limit: number
    statuses?: readonly OrderStatus[]
  }): Promise<OrderRecord[]> {
    const statuses = [...(options.statuses ?? ['pending'])]
    return this.transaction(async (tx) => {
      const db = (tx as KyselyRepository).db
      let due = db
        .selectFrom('orders')
        .select('order_no')
        .where('status', 'in', statuses)
        .where('next_check_at', '<=', options.now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', options.now)]))
        .orderBy('next_check_at')
        .limit(options.limit)
      if (this.kind === 'postgres') due = due.forUpdate().skipLocked()
      const picked = await due.execute()
      if (picked.length === 0) return []
      const rows = await db
        .updateTable('orders')
        .set({ lease_owner: options.owner, lease_until: options.leaseUntil })
        .where(
          'order_no',
          'in',
          picked.map((row) => row.order_no),
        )
        .returningAll()
        .execute()
      return rows.map(toOrder)
    })
  }

  async insertIdempotencyKey(record: IdempotencyRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('idempotency_keys')
      .values(record)
      .onConflict((oc) => oc.columns(['payer_id', 'key']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
  }

  async findIdempotencyKey(payerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.hot.findIdempotencyKey.bind({ payerId, key }))
    const row = rows[0]
    if (row === undefined) return undefined
    return {
      ...row,
      state: row.state as IdempotencyRecord['state'],
      created_at: Number(row.created_at),
      expires_at: Number(row.expires_at),
      locked_until: Number(row.locked_until),
    }
  }

  async takeOverIdempotencyKey(
    payerId: string,
    key: string,
    now: number,
    lockedUntil: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ locked_until: lockedUntil })
      .where('payer_id', '=', payerId)
      .where('key', '=', key)
      .where('state', '=', 'in_flight')
      .where('locked_until', '<=', now)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async completeIdempotencyKey(
    payerId: string,
    key: string,
    response: { status: number; body: string },
  ): Promise<void> {
    await this.db.executeQuery(
      this.hot.completeIdempotencyKey.bind({
        status: response.status,
        body: response.body,
        payerId,
        key,
      }),
    )
  }

  async releaseIdempotencyKey(payerId: string, key: string, now: number): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ locked_until: now })
      .where('payer_id', '=', payerId)
      .where('key', '=', key)
      .where('state', '=', 'in_flight')
      .execute()
  }

  async replaceExpiredIdempotencyKey(record: IdempotencyRecord, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set(record)
      .where('payer_id', '=', record.payer_id)
      .where('key', '=', record.key)
      .where('expires_at', '<=', now)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async deleteExpiredIdempotencyKeys(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('expires_at', '<=', now)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async addOrderEvent(event: Omit<OrderEventRecord, 'id'>): Promise<void> {
    await this.db.executeQuery(
      this.hot.addOrderEvent.bind({
        orderNo: event.order_no,
        at: event.at,
        kind: event.kind,
        detail: JSON.stringify(event.detail),
      }),
    )
  }

  async listOrderEvents(orderNo: string): Promise<OrderEventRecord[]> {
    const rows = await this.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_no', '=', orderNo)
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      at: Number(row.at),
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }))
  }

  async insertNotification(record: Omit<NotificationRecord, 'id'>): Promise<number> {
    const { rows } = await this.db.executeQuery(
      this.hot.insertNotification.bind({
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

  async setNotificationOutcome(id: number, outcome: string): Promise<void> {
    await this.db.executeQuery(this.hot.setNotificationOutcome.bind({ outcome, id }))
  }

  async listNotifications(orderNo: string): Promise<NotificationRecord[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('order_no', '=', orderNo)
      .orderBy('id')
      .execute()
    return rows.map((row) => ({ ...row, id: Number(row.id), received_at: Number(row.received_at) }))
  }

  async insertRefund(refund: RefundRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('refunds')
      .values(refund)
      .onConflict((oc) => oc.column('refund_no').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
  }

  async findRefund(refundNo: string): Promise<RefundRecord | undefined> {
    const row = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('refund_no', '=', refundNo)
      .executeTakeFirst()
    return row === undefined ? undefined : toRefund(row)
  }

  async listRefunds(orderNo: string): Promise<RefundRecord[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('order_no', '=', orderNo)
      .orderBy('created_at')
      .orderBy('refund_no')
      .execute()
    return rows.map(toRefund)
  }

  async transitionRefund(
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

  async countOrdersByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('orders')
      .select(['status', (eb) => eb.fn.countAll().as('count')])
      .groupBy('status')
      .execute()
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))
  }

  async listPendingRefunds(before: number, limit: number): Promise<RefundRecord[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('status', '=', 'pending')
      .where('updated_at', '<=', before)
      .orderBy('updated_at')
      .limit(limit)
      .execute()
    return rows.map(toRefund)
  }
}

function toRefund(row: Selectable<DatabaseSchema['refunds']>): RefundRecord {
  return {
    ...row,
    status: row.status as RefundStatus,
    amount: Number(row.amount),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  }
}
