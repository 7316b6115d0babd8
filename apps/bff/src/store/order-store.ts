import { sql, type Kysely, type Selectable } from 'kysely'

import type { Channel, OrderEvent, OrderStatus, PayType } from '@quickpay/contracts'

import type { ConfirmedCache } from './confirmed-cache'
import type { DatabaseSchema, OrderTable } from './database-schema'
import { gatherReads } from './gathered-reads'
import type { DatabaseKind } from './open-database'
import { QueryTemplate, slot } from './query-template'
import {
  PATCH_FIELDS,
  SHOPPER_ORDER_FIELDS,
  type OrderEventRecord,
  type OrderPatch,
  type OrderRecord,
  type RefundRecord,
  type ShopperOrderRecord,
  type UpstreamState,
} from './records'
import { ordersRefundsJson, refundsFromJson } from './refunds-json'

/** A stored timeline row as its typed event (the detail was written by JSON.stringify of one). */
function toEventRecord(row: {
  id: number | bigint | string
  order_no: string
  at: number | bigint | string
  kind: string
  detail: string
}): OrderEventRecord {
  return {
    id: Number(row.id),
    order_no: row.order_no,
    at: Number(row.at),
    kind: row.kind,
    detail: JSON.parse(row.detail) as unknown,
  } as OrderEventRecord
}

/** Every column of `orders`, in one list: the insert templates name each as a slot. */
export const ORDER_COLUMNS = [
  'order_no',
  'payer_id',
  'channel',
  'appid',
  'paytype',
  'status',
  'amount',
  'items',
  'attach',
  'expires_at',
  'created_at',
  'updated_at',
  ...PATCH_FIELDS,
] as const satisfies readonly (keyof OrderTable)[]

// A column added to OrderTable but not to ORDER_COLUMNS fails to compile here.
const everyOrderColumn: Exclude<keyof OrderTable, (typeof ORDER_COLUMNS)[number]> extends never
  ? true
  : never = true
void everyOrderColumn

/** An insert's values with every column of `orders` a slot of its own name (QueryTemplate). */
export function orderSlots(): Record<keyof OrderTable, never> {
  return Object.fromEntries(ORDER_COLUMNS.map((column) => [column, slot(column)])) as Record<
    keyof OrderTable,
    never
  >
}

/** An order as its row: the lines as JSON text, the review flag as 0 or 1. */
export function orderRow(order: OrderRecord): OrderTable {
  return { ...order, items: JSON.stringify(order.items), needs_review: order.needs_review ? 1 : 0 }
}

/** Stores JSAPIPay's payment parameters (slots `cloudpayParam`, `now`, `orderNo`). */
export function paymentParametersUpdate(db: Kysely<DatabaseSchema>) {
  return db
    .updateTable('orders')
    .set({
      cloudpay_param: slot('cloudpayParam'),
      upstream: 'created',
      updated_at: slot<number>('now'),
    })
    .where('order_no', '=', slot('orderNo'))
}

/**
 * Stores JSAPIPay's payment parameters only while the order is still `pending` at the `updated_at`
 * its creator last saw (slots of `paymentParametersUpdate` and `seenUpdatedAt`;
 * store/created-payment-write.ts says why).
 */
export function paymentParametersUpdateIfAsSeen(db: Kysely<DatabaseSchema>) {
  return paymentParametersUpdate(db)
    .where('status', '=', 'pending')
    .where('updated_at', '=', slot<number>('seenUpdatedAt'))
}

/**
 * How many open orders a shopper has, counted only up to a limit (slots `payerId`, `now`,
 * `upTo`), so the count costs no more than the limit through `orders_payer_open`.
 */
export function openOrdersCount(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom(
      db
        .selectFrom('orders')
        .select(sql<number>`1`.as('open'))
        .where('payer_id', '=', slot('payerId'))
        .where('status', '=', 'pending')
        .where('expires_at', '>', slot<number>('now'))
        .limit(slot<number>('upTo'))
        .as('open_orders'),
    )
    .select((eb) => eb.fn.countAll().as('count'))
}

/**
 * The timeline event of the order that an earlier WITH query of the same statement returned (its
 * `order_no`), for the one-statement writes on PostgreSQL (slots `event_at`, `event_kind`,
 * `event_detail`). When that query returned no row, no event is written.
 */
export function eventOfReturnedOrder(db: Kysely<DatabaseSchema>, withQuery: string) {
  return (
    db
      .insertInto('order_events')
      .columns(['order_no', 'at', 'kind', 'detail'])
      // PostgreSQL gives these parameters the types of the columns they are inserted into.
      .expression(
        sql`select order_no, ${slot('event_at')}, ${slot('event_kind')}, ${slot('event_detail')} from ${sql.table(withQuery)}`,
      )
  )
}

/** The orders' and timelines' fixed-shape queries, compiled once per database handle. */
export function orderQueries(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
  return {
    insert: new QueryTemplate(db.insertInto('orders').values(orderSlots()), ORDER_COLUMNS),
    setPaymentParameters: new QueryTemplate(paymentParametersUpdate(db).returningAll(), [
      'cloudpayParam',
      'now',
      'orderNo',
    ]),
    find: new QueryTemplate(
      db.selectFrom('orders').selectAll().where('order_no', '=', slot('orderNo')),
      ['orderNo'],
    ),
    statusOf: new QueryTemplate(
      db.selectFrom('orders').select('status').where('order_no', '=', slot('orderNo')),
      ['orderNo'],
    ),
    findOfPayer: new QueryTemplate(
      db
        .selectFrom('orders')
        .selectAll()
        .where('order_no', '=', slot('orderNo'))
        .where('payer_id', '=', slot('payerId')),
      ['orderNo', 'payerId'],
    ),
    findShopperOrder: new QueryTemplate(
      db
        .selectFrom('orders')
        .select(SHOPPER_ORDER_FIELDS)
        .select((eb) => ordersRefundsJson(eb, kind).as('refunds_json'))
        .where('order_no', '=', slot('orderNo'))
        .where('payer_id', '=', slot('payerId')),
      ['orderNo', 'payerId'],
    ),
    // The same read for several numbers at once, with each order's payer to match against
    // (store/gathered-reads.ts); PostgreSQL only (`any` of an array parameter).
    findShopperOrders:
      kind === 'postgres'
        ? new QueryTemplate(
            db
              .selectFrom('orders')
              .select([...SHOPPER_ORDER_FIELDS, 'payer_id'])
              .select((eb) => ordersRefundsJson(eb, kind).as('refunds_json'))
              .where('order_no', '=', sql<string>`any(${slot('orderNos')})`),
            ['orderNos'],
          )
        : undefined,
    setPaymentParametersIfAsSeen: new QueryTemplate(paymentParametersUpdateIfAsSeen(db), [
      'cloudpayParam',
      'now',
      'orderNo',
      'seenUpdatedAt',
    ]),
    countOpenOfPayer: new QueryTemplate(openOrdersCount(db), ['payerId', 'now', 'upTo']),
    countByStatus: new QueryTemplate(
      db
        .selectFrom('orders')
        .select(['status', (eb) => eb.fn.countAll().as('count')])
        .groupBy('status'),
      [],
    ),
    addEvent: new QueryTemplate(
      db.insertInto('order_events').values({
        order_no: slot('orderNo'),
        at: slot<number>('at'),
        kind: slot('kind'),
        detail: slot('detail'),
      }),
      ['orderNo', 'at', 'kind', 'detail'],
    ),
    listEvents: new QueryTemplate(
      db
        .selectFrom('order_events')
        .selectAll()
        .where('order_no', '=', slot('orderNo'))
        .orderBy('id'),
      ['orderNo'],
    ),
  }
}

/** What the merchant's order list can be narrowed to; every field is optional. */
export interface OrderFilter {
  status?: OrderStatus
  channel?: Channel
  /** Created at or after (epoch ms). */
  createdFrom?: number
  /** Created before (epoch ms). */
  createdTo?: number
  /** An exact order_no or transaction_no. */
  number?: string
  needsReview?: boolean
}

/** A place in the merchant list's order (newest first by created_at, then order_no). */
export interface OrderListPosition {
  created_at: number
  order_no: string
}

/** The compiled order queries of one database handle. */
export type OrderQueries = ReturnType<typeof orderQueries>

/** A row of `findShopperOrder`: the SHOPPER_ORDER_FIELDS and the refunds as JSON. */
type ShopperOrderRow =
  OrderQueries['findShopperOrder'] extends QueryTemplate<infer Row, string> ? Row : never

/** A `findShopperOrder` row with its payer: what the shopper's order cache keeps. */
export type CachedShopperOrder = ShopperOrderRow & { payer_id: string }

/** The SHOPPER_ORDER_FIELDS a patch can change (a change the shopper's poll shows). */
const SHOWN_PATCH_FIELDS = PATCH_FIELDS.filter((field) =>
  (SHOPPER_ORDER_FIELDS as readonly string[]).includes(field),
)

/** What an order store does beyond its statements (see the constructor). */
export interface OrderStoreOptions {
  gatherShopperReads?: boolean
  shopperOrders?: ConfirmedCache<CachedShopperOrder>
  onShownChange?: (orderNo: string) => void
}

function toOrder(row: Selectable<OrderTable>): OrderRecord {
  return {
    ...row,
    channel: row.channel as Channel,
    paytype: row.paytype as PayType,
    status: row.status as OrderStatus,
    upstream: row.upstream as UpstreamState,
    amount: Number(row.amount),
    refunded_amount: Number(row.refunded_amount),
    items: JSON.parse(row.items) as OrderRecord['items'],
    needs_review: Number(row.needs_review) !== 0,
  }
}

/**
 * The columns of a patch (booleans as 0/1). Only the patchable fields are copied, so a status
 * smuggled in past the type is never written outside the ledger.
 */
function orderColumns(patch: OrderPatch): Partial<OrderTable> {
  const columns: Partial<OrderTable> = {}
  for (const field of PATCH_FIELDS) {
    const value = patch[field]
    if (value !== undefined)
      Object.assign(columns, { [field]: field === 'needs_review' ? Number(value) : value })
  }
  return columns
}

/** Orders and their timelines: reads, creation, non-status fields and events. */
export class OrderStore {
  /** `findShopperOrder`'s reads gathered per turn of the event loop, when asked for (below). */
  private readonly gatheredShopperReads:
    ((orderNo: string, payerId: string) => Promise<ShopperOrderRow | undefined>) | undefined

  /** The cache the shopper's order reads go through, when given. */
  private readonly shopperOrders: ConfirmedCache<CachedShopperOrder> | undefined
  /** Told the number of each order whose shown fields this store changed. */
  protected readonly onShownChange: ((orderNo: string) => void) | undefined

  /**
   * The repository's stores outside transactions, on PostgreSQL, take all three options:
   * - `gatherShopperReads`: the shopper's order reads asked for in one turn of the event loop
   *   share one statement (store/gathered-reads.ts);
   * - `shopperOrders`: those reads are answered from this cache while it trusts the order
   *   (store/confirmed-cache.ts), and a miss is stored in it;
   * - `onShownChange`: called after each write of this store that changed what the shopper's poll
   *   shows (on the stores outside transactions, once it is committed; a transaction's stores
   *   collect the numbers for after its commit: store/repository.ts).
   */
  constructor(
    protected readonly db: Kysely<DatabaseSchema>,
    protected readonly queries: OrderQueries,
    options: OrderStoreOptions = {},
  ) {
    this.shopperOrders = options.shopperOrders
    this.onShownChange = options.onShownChange
    const many = queries.findShopperOrders
    this.gatheredShopperReads =
      options.gatherShopperReads === true && many !== undefined
        ? gatherReads({
            readOne: (orderNo, payerId) => this.shopperOrderRow(orderNo, payerId),
            readMany: async (orderNos) => (await db.executeQuery(many.bind({ orderNos }))).rows,
          })
        : undefined
  }

  /** One order's `findShopperOrder` row, with one statement. */
  private async shopperOrderRow(
    orderNo: string,
    payerId: string,
  ): Promise<ShopperOrderRow | undefined> {
    const { rows } = await this.db.executeQuery(
      this.queries.findShopperOrder.bind({ orderNo, payerId }),
    )
    return rows[0]
  }

  /**
   * The shopper's order row: from the cache while it trusts the order (another shopper's order
   * answers as none there too), else read (gathered, when this store gathers) and cached.
   */
  private async cachedShopperOrderRow(
    orderNo: string,
    payerId: string,
  ): Promise<ShopperOrderRow | undefined> {
    const cache = this.shopperOrders
    const cached = cache?.trusted(orderNo)
    if (cached !== undefined) return cached.payer_id === payerId ? cached : undefined
    const readStarted = cache?.readStarted() ?? 0
    const row =
      this.gatheredShopperReads === undefined
        ? await this.shopperOrderRow(orderNo, payerId)
        : await this.gatheredShopperReads(orderNo, payerId)
    if (row !== undefined) cache?.store(orderNo, { ...row, payer_id: payerId }, readStarted)
    return row
  }

  /**
   * The shopper's order rows of `orderNos` with their payers, in one statement (PostgreSQL only:
   * `findShopperOrders`); what the order cache's confirmer reads.
   */
  async findShopperOrderRows(orderNos: string[]): Promise<CachedShopperOrder[]> {
    const many = this.queries.findShopperOrders
    if (many === undefined) throw new Error('findShopperOrderRows is PostgreSQL only')
    return (await this.db.executeQuery(many.bind({ orderNos }))).rows
  }

  /** Stores a new order. */
  async insert(order: OrderRecord): Promise<void> {
    await this.db.executeQuery(this.queries.insert.bind(orderRow(order)))
  }

  /** Any order by number (notification, reconciler and merchant paths). */
  async find(orderNo: string): Promise<OrderRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.find.bind({ orderNo }))
    return rows[0] === undefined ? undefined : toOrder(rows[0])
  }

  /**
   * Only the order's status, or undefined when there is no such order: what a notification needs
   * to tell a duplicate, without reading (and converting) the whole row.
   */
  async statusOf(orderNo: string): Promise<OrderStatus | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.statusOf.bind({ orderNo }))
    return rows[0]?.status as OrderStatus | undefined
  }

  /**
   * The order of `payerId` as its shopper sees it (only the SHOPPER_ORDER_FIELDS) with its refunds
   * (oldest first), in one statement: the shopper's poll reads nothing it does not show
   * (docs/performance.md, parts 6 and 12).
   */
  async findShopperOrder(
    orderNo: string,
    payerId: string,
  ): Promise<{ order: ShopperOrderRecord; refunds: RefundRecord[] } | undefined> {
    const row = await this.cachedShopperOrderRow(orderNo, payerId)
    if (row === undefined) return undefined
    const order: ShopperOrderRecord = {
      order_no: row.order_no,
      status: row.status as OrderStatus,
      amount: Number(row.amount),
      items: JSON.parse(row.items) as OrderRecord['items'],
      channel: row.channel as Channel,
      created_at: row.created_at,
      expires_at: row.expires_at,
      paid_at: row.paid_at,
      transaction_no: row.transaction_no,
      refunded_amount: Number(row.refunded_amount),
    }
    return { order, refunds: refundsFromJson(row.refunds_json) }
  }

  /** The order if it belongs to `payerId`; another shopper's order is indistinguishable from none. */
  async findOfPayer(orderNo: string, payerId: string): Promise<OrderRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.findOfPayer.bind({ orderNo, payerId }))
    return rows[0] === undefined ? undefined : toOrder(rows[0])
  }

  /**
   * One page of a shopper's orders, newest first (by creation time, then number): only those in
   * `statuses` when given, and only those after `after` (the previous page's last order) when given.
   */
  async pageOfPayer(
    payerId: string,
    options: {
      statuses?: readonly OrderStatus[]
      after?: { createdAt: number; orderNo: string }
      limit: number
    },
  ): Promise<OrderRecord[]> {
    let query = this.db.selectFrom('orders').selectAll().where('payer_id', '=', payerId)
    if (options.statuses !== undefined) query = query.where('status', 'in', options.statuses)
    const after = options.after
    if (after !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('order_no', '<', after.orderNo)]),
        ]),
      )
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('order_no', 'desc')
      .limit(options.limit)
      .execute()
    return rows.map(toOrder)
  }

  /**
   * Every order, newest first by (created_at, order_no), optionally only those matching `filter`
   * and only those after `after` in that order (the merchant list's keyset paging: a page walks
   * the 0006 index from its position, so a deep page costs what the first one does).
   */
  async list(options: { limit: number; after?: OrderListPosition } & OrderFilter) {
    const { after, ...filter } = options
    // Past a position older than `createdTo`, that bound says nothing more; left in, SQLite
    // bounds the index walk by it instead of by the position and walks every order in between.
    if (
      after !== undefined &&
      filter.createdTo !== undefined &&
      after.created_at < filter.createdTo
    )
      delete filter.createdTo
    let query = this.filtered(filter)
    if (after !== undefined)
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'order_no'), '<', eb.tuple(after.created_at, after.order_no)),
      )
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('order_no', 'desc')
      .limit(options.limit)
      .execute()
    return rows.map(toOrder)
  }

  /**
   * How many orders match `filter`, counting no further than `cap` + 1 (the merchant list's total:
   * "more than `cap`" costs the same at 10 k orders as at 1 M).
   */
  async count(filter: OrderFilter, cap: number): Promise<number> {
    const row = await this.db
      .selectFrom(
        this.filtered(filter)
          .select('order_no')
          .limit(cap + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirst()
    return Number(row?.count ?? 0)
  }

  private filtered(filter: OrderFilter) {
    let query = this.db.selectFrom('orders')
    if (filter.status !== undefined) query = query.where('status', '=', filter.status)
    if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel)
    if (filter.createdFrom !== undefined)
      query = query.where('created_at', '>=', filter.createdFrom)
    if (filter.createdTo !== undefined) query = query.where('created_at', '<', filter.createdTo)
    if (filter.needsReview !== undefined)
      query = query.where('needs_review', '=', filter.needsReview ? 1 : 0)
    const number = filter.number
    if (number !== undefined)
      query = query.where((eb) =>
        eb.or([eb('order_no', '=', number), eb('transaction_no', '=', number)]),
      )
    return query
  }

  /**
   * How many of a shopper's orders are pending and not yet expired at `now`, counted up to `upTo`
   * (the limit being checked): the count walks the orders_payer_open index and stops there, so its
   * cost does not grow with a shopper's open orders.
   */
  async countOpenOfPayer(payerId: string, now: number, upTo: number): Promise<number> {
    const { rows } = await this.db.executeQuery(
      this.queries.countOpenOfPayer.bind({ payerId, now, upTo }),
    )
    return Number(rows[0]?.count ?? 0)
  }

  /** How many orders are in each status (the metrics gauge). */
  async countByStatus(): Promise<Record<string, number>> {
    const { rows } = await this.db.executeQuery(this.queries.countByStatus.bind({}))
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]))
  }

  /** Changes fields other than the status; answers whether the order exists. */
  async update(orderNo: string, patch: OrderPatch, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('orders')
      .set({ ...orderColumns(patch), updated_at: now })
      .where('order_no', '=', orderNo)
      .executeTakeFirst()
    const updated = Number(result.numUpdatedRows) > 0
    if (updated && SHOWN_PATCH_FIELDS.some((field) => patch[field] !== undefined)) {
      this.onShownChange?.(orderNo)
    }
    return updated
  }

  /**
   * Stores JSAPIPay's payment parameters (`upstream` becomes `created`) and answers the order as
   * it is after the update (RETURNING: no second read).
   */
  async setPaymentParameters(
    orderNo: string,
    cloudpayParam: string,
    now: number,
  ): Promise<OrderRecord | undefined> {
    const { rows } = await this.db.executeQuery(
      this.queries.setPaymentParameters.bind({ cloudpayParam, now, orderNo }),
    )
    return rows[0] === undefined ? undefined : toOrder(rows[0])
  }

  /**
   * Stores JSAPIPay's payment parameters only while the order is still `pending` at
   * `seenUpdatedAt`; answers whether it did.
   */
  async setPaymentParametersIfAsSeen(
    orderNo: string,
    cloudpayParam: string,
    now: number,
    seenUpdatedAt: number,
  ): Promise<boolean> {
    const result = await this.db.executeQuery(
      this.queries.setPaymentParametersIfAsSeen.bind({
        cloudpayParam,
        now,
        orderNo,
        seenUpdatedAt,
      }),
    )
    return Number(result.numAffectedRows ?? 0n) > 0
  }

  /** Appends an event that does not change the status to an order's timeline. */
  async addEvent(
    orderNo: string,
    at: number,
    event: Exclude<OrderEvent, { kind: 'transition' }>,
  ): Promise<void> {
    await this.insertEvent(orderNo, at, event)
  }

  /** An order's timeline, oldest first. */
  async listEvents(orderNo: string): Promise<OrderEventRecord[]> {
    const { rows } = await this.db.executeQuery(this.queries.listEvents.bind({ orderNo }))
    return rows.map(toEventRecord)
  }

  /** Up to `limit` timeline events of an order with an id after `afterId`, oldest first. */
  async listEventsAfter(
    orderNo: string,
    afterId: number,
    limit: number,
  ): Promise<OrderEventRecord[]> {
    const rows = await this.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_no', '=', orderNo)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map(toEventRecord)
  }

  /** The details of an order's last `kind` events, newest first (at most `limit`), and how many there are. */
  async recentEventsOfKind(
    orderNo: string,
    kind: OrderEvent['kind'],
    limit: number,
  ): Promise<{ details: unknown[]; total: number }> {
    const rows = await this.db
      .selectFrom('order_events')
      .select('detail')
      .where('order_no', '=', orderNo)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    const count = await this.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('order_no', '=', orderNo)
      .where('kind', '=', kind)
      .executeTakeFirst()
    return {
      details: rows.map((row) => JSON.parse(row.detail) as unknown),
      total: Number(count?.count ?? 0),
    }
  }

  /**
   * Extends `owner`'s lease on one order to `leaseUntil`, only while `owner` still holds it
   * unexpired: a holder that was too slow and lost the order to another instance gets false.
   */
  async renewLease(
    orderNo: string,
    owner: string,
    now: number,
    leaseUntil: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('orders')
      .set({ lease_until: leaseUntil })
      .where('order_no', '=', orderNo)
      .where('lease_owner', '=', owner)
      .where('lease_until', '>', now)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /**
   * Frees the leases held by earlier lives of the instance named `instanceName` (owners
   * `<instanceName>#<boot>` other than `currentOwner`): that process is gone, since two live
   * instances never share a name. Answers how many were freed.
   */
  async releaseLeasesOfEarlierLives(instanceName: string, currentOwner: string): Promise<number> {
    const prefix = `${instanceName}#`
    const result = await this.db
      .updateTable('orders')
      .set({ lease_owner: null, lease_until: null })
      // substr, not LIKE: a name may hold LIKE's wildcards, and both databases spell substr alike.
      .where(sql<string>`substr(lease_owner, 1, ${prefix.length})`, '=', prefix)
      .where('lease_owner', '!=', currentOwner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** How many events an order's timeline has. */
  async countEvents(orderNo: string): Promise<number> {
    const row = await this.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('order_no', '=', orderNo)
      .executeTakeFirst()
    return Number(row?.count ?? 0)
  }

  protected async insertEvent(orderNo: string, at: number, event: OrderEvent): Promise<void> {
    await this.db.executeQuery(
      this.queries.addEvent.bind({
        orderNo,
        at,
        kind: event.kind,
        detail: JSON.stringify(event.detail),
      }),
    )
  }
}

/**
 * The order store inside a transaction: adds the two writes that must run in one. `moveStatus` is
 * the only statement that changes a status, and it writes its `transition` event with it; only
 * the ledger (src/ledger/order-ledger.ts) calls it.
 */
export class TransactionOrderStore extends OrderStore {
  constructor(
    db: Kysely<DatabaseSchema>,
    queries: OrderQueries,
    /** PostgreSQL: leases skip rows another instance has locked. */
    private readonly skipLocked: boolean,
    /** Told each order whose shown fields the transaction changed (`OrderStoreOptions`). */
    onShownChange?: (orderNo: string) => void,
  ) {
    super(db, queries, onShownChange === undefined ? {} : { onShownChange })
  }

  /**
   * Moves an order to `to` only if its status is one of `from` (a conditional UPDATE, so states
   * only move forward even under races) and, when it moved, appends `event`; answers whether it moved.
   */
  async moveStatus(
    orderNo: string,
    change: { from: readonly OrderStatus[]; to: OrderStatus; patch: OrderPatch; now: number },
    event: Extract<OrderEvent, { kind: 'transition' }>,
  ): Promise<boolean> {
    if (change.from.length === 0) return false
    const result = await this.db
      .updateTable('orders')
      .set({ ...orderColumns(change.patch), status: change.to, updated_at: change.now })
      .where('order_no', '=', orderNo)
      .where('status', 'in', [...change.from])
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return false
    this.onShownChange?.(orderNo)
    await this.insertEvent(orderNo, change.now, event)
    return true
  }

  /**
   * Leases up to `limit` orders in `statuses` whose `next_check_at` is due (and whose lease is
   * free or expired) for `owner` until `leaseUntil`; on PostgreSQL with FOR UPDATE SKIP LOCKED so
   * instances never share one.
   */
  async leaseDue(options: {
    now: number
    owner: string
    leaseUntil: number
    limit: number
    statuses?: readonly OrderStatus[]
  }): Promise<OrderRecord[]> {
    let due = this.db
      .selectFrom('orders')
      .select('order_no')
      .where('status', 'in', [...(options.statuses ?? ['pending'])])
      .where('next_check_at', '<=', options.now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', options.now)]))
      .orderBy('next_check_at')
      .limit(options.limit)
    if (this.skipLocked) due = due.forUpdate().skipLocked()
    const picked = await due.execute()
    if (picked.length === 0) return []
    const rows = await this.db
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
  }
}
