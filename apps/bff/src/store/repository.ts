import { sql, type Kysely } from 'kysely'

import { CatalogueStore, catalogueQueries } from './catalogue-store'
import { ConsoleSessionStore, consoleSessionQueries } from './console-session-store'
import {
  createdPaymentStatement,
  writeCreatedInTransaction,
  writeCreatedOnPostgres,
  writeManyCreatedOnPostgres,
  type CreatedPaymentWrite,
} from './created-payment-write'
import type { DatabaseSchema } from './database-schema'
import { gatherWrites } from './gathered-writes'
import { groupCommit, type GroupCommitOptions } from './group-commit'
import { IdempotencyStore, idempotencyQueries } from './idempotency-store'
import { NotificationStore, notificationQueries } from './notification-store'
import type { DatabaseKind } from './open-database'
import { OrderStore, TransactionOrderStore, orderQueries } from './order-store'
import {
  claimedKeyOf,
  claimingPendingOrderStatement,
  insertClaimingOnPostgres,
  insertManyClaimingOnPostgres,
  insertPendingInTransaction,
  type ClaimingInsert,
  type PendingOrderInsert,
  type PendingOrderInserted,
} from './pending-order-insert'
import { analyzeStaleTables } from './planner-statistics'
import { readWriteSplit } from './read-write-split'
import { RefundStore, refundQueries } from './refund-store'
import { SessionStore, sessionQueries } from './session-store'
import { confirmShopperOrders, shopperOrderCache } from './shopper-order-cache'
import type { SqliteReader } from './sqlite-reader'
import { StatsStore } from './stats-store'

/**
 * The stores, one per aggregate. Every query with a fixed shape is compiled once per database
 * handle (QueryTemplate); only those whose shape follows the call (IN lists, patches, whole
 * records, row locks) are built per call.
 */
export interface Stores {
  readonly catalogue: CatalogueStore
  readonly sessions: SessionStore
  readonly orders: OrderStore
  readonly idempotency: IdempotencyStore
  readonly notifications: NotificationStore
  readonly refunds: RefundStore
  readonly consoleSessions: ConsoleSessionStore
  /** The merchant overview's aggregates (read-only). */
  readonly stats: StatsStore
}

declare const inTransaction: unique symbol

/**
 * The stores inside one write transaction. It has no `transaction`, `close` or `ping`, and the
 * outer repository is not one (the brand), so a function that needs a transaction cannot be
 * handed the repository (on SQLite that would wait for itself).
 */
export interface Transaction extends Stores {
  readonly [inTransaction]: true
  readonly orders: TransactionOrderStore
}

/** The database of the BFF (SQLite or PostgreSQL): the stores, transactions and the connection. */
export interface Repository extends Stores {
  /** Which engine is behind it. */
  readonly kind: DatabaseKind
  /**
   * Whether a create should claim its Idempotency-Key in `insertPendingOrder` (with `newKey`)
   * rather than before it: on PostgreSQL that is one statement, a round trip and a commit fewer;
   * on SQLite the separate claim is a one-statement unit sharing its batch's fsync, and the joined
   * one measured no cheaper (docs/performance.md, part 13).
   */
  readonly claimsKeyInFirstWrite: boolean
  /**
   * Runs `work` in one write transaction and resolves once it is committed; rolls back if it
   * throws. On SQLite, concurrent calls are group-committed (`groupCommit`): each runs in its own
   * savepoint of a shared BEGIN IMMEDIATE … COMMIT, and none resolves before that COMMIT.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>
  /**
   * A new order's first write: the pending order, its `created` event and its number on the
   * Idempotency-Key, all or nothing, unless the shopper already has `openLimit` open orders; with
   * `newKey` it claims the key too, and writes nothing when the key exists
   * (`pending-order-insert.ts`: one statement on PostgreSQL, shared by the creates that get here
   * in the same turn (`gatherWrites`); one unit of the group commit on SQLite; a transaction on
   * PostgreSQL without `newKey`).
   */
  insertPendingOrder(input: PendingOrderInsert): Promise<PendingOrderInserted>
  /**
   * JSAPIPay's payment parameters, their `upstream_created` event and the create request's answer
   * on its key, all or nothing, only while the order is still pending at `seenUpdatedAt`; answers
   * whether it wrote (`created-payment-write.ts`: one statement on PostgreSQL, shared by the
   * creates that get here in the same turn (`gatherWrites`); one unit of the group commit on
   * SQLite). When it did not, nothing was written.
   */
  recordCreatedPayment(input: CreatedPaymentWrite): Promise<boolean>
  /**
   * On PostgreSQL without autovacuum, analyses the tables that changed enough since their last
   * analysis (`analyzeStaleTables`, planner-statistics.ts) and answers their names; the reconciler
   * calls it every tick. On SQLite nothing: without statistics its planner still ranks a unique
   * index's equality first (docs/performance.md, part 16).
   */
  refreshPlannerStatistics(): Promise<string[]>
  /** Answers when the database can be queried. */
  ping(): Promise<void>
  /** Closes every connection. */
  close(): Promise<void>
}

/** Every store's compiled queries; they depend only on the dialect, so transactions share them. */
function compileQueries(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
  return {
    catalogue: catalogueQueries(db, kind),
    sessions: sessionQueries(db),
    orders: orderQueries(db, kind),
    idempotency: idempotencyQueries(db),
    notifications: notificationQueries(db),
    refunds: refundQueries(db),
    consoleSessions: consoleSessionQueries(db),
  }
}

function storesOver(
  db: Kysely<DatabaseSchema>,
  queries: ReturnType<typeof compileQueries>,
  orders: OrderStore,
): Stores {
  return {
    catalogue: new CatalogueStore(db, queries.catalogue),
    sessions: new SessionStore(db, queries.sessions),
    orders,
    idempotency: new IdempotencyStore(db, queries.idempotency),
    notifications: new NotificationStore(db, queries.notifications),
    refunds: new RefundStore(db, queries.refunds),
    consoleSessions: new ConsoleSessionStore(db, queries.consoleSessions),
    stats: new StatsStore(db),
  }
}

/** SQLite only: the read-only connection for reads outside transactions, and the batch caps. */
export interface SqliteRepositoryOptions extends GroupCommitOptions {
  /** `openSqliteReader` of the same file; without it every read queues on the writer connection. */
  reader?: SqliteReader
}

/** The repository's options: SQLite's, and what to tell when a background read fails. */
export interface RepositoryOptions extends SqliteRepositoryOptions {
  /**
   * PostgreSQL: told when the background confirmation of the shoppers' cached orders fails
   * (store/shopper-order-cache.ts); the entries then age out and are read directly.
   */
  onCacheFailure?: (error: unknown) => void
}

/**
 * The repository over a Kysely handle that `openDatabase` opened (and the migrations updated).
 * On SQLite the stores outside transactions read through `options.reader` and write as units of
 * the group commit (`readWriteSplit`). On PostgreSQL the shoppers' polls read their orders
 * through a cache confirmed in the background (store/shopper-order-cache.ts), which forgets each
 * order whose shown fields a write of this repository changed, once that write is committed.
 */
export function repositoryOver(
  db: Kysely<DatabaseSchema>,
  kind: DatabaseKind,
  options: RepositoryOptions = {},
): Repository {
  const queries = compileQueries(db, kind)
  const shopperOrders = kind === 'postgres' ? shopperOrderCache() : undefined
  const transactionOver = (
    handle: Kysely<DatabaseSchema>,
    onShownChange?: (orderNo: string) => void,
  ) => {
    const orders = new TransactionOrderStore(
      handle,
      queries.orders,
      kind === 'postgres',
      onShownChange,
    )
    return storesOver(handle, queries, orders) as Transaction
  }
  // PostgreSQL groups concurrent commits by itself (one WAL flush for those waiting together).
  const runInBatch = kind === 'sqlite' ? groupCommit(db, options) : undefined
  const { reader } = options
  const outer =
    runInBatch !== undefined && reader !== undefined ? readWriteSplit(reader, runInBatch) : db
  let closing: Promise<void> | undefined
  const orders = new OrderStore(outer, queries.orders, {
    gatherShopperReads: kind === 'postgres',
    ...(shopperOrders === undefined
      ? {}
      : { shopperOrders, onShownChange: (orderNo: string) => shopperOrders.forget(orderNo) }),
  })
  const stores = storesOver(outer, queries, orders)
  const confirmer =
    shopperOrders === undefined
      ? undefined
      : confirmShopperOrders(shopperOrders, orders, options.onCacheFailure ?? (() => undefined))
  const transaction: Repository['transaction'] = async (work) => {
    if (runInBatch !== undefined) {
      return runInBatch((connection) => work(transactionOver(connection)))
    }
    const shownChanges: string[] = []
    try {
      return await db
        .transaction()
        .execute((trx) => work(transactionOver(trx, (orderNo) => shownChanges.push(orderNo))))
    } finally {
      // After the commit (or a rollback, or a COMMIT whose outcome is unknown): read again.
      for (const orderNo of shownChanges) shopperOrders?.forget(orderNo)
    }
  }
  const claimingOrder = kind === 'postgres' ? claimingPendingOrderStatement(db) : undefined
  const insertClaimingGathered =
    claimingOrder === undefined
      ? undefined
      : gatherWrites<ClaimingInsert, PendingOrderInserted>({
          keyOf: claimedKeyOf,
          writeOne: (input) => insertClaimingOnPostgres(db, claimingOrder, input),
          writeMany: (inputs) => insertManyClaimingOnPostgres(db, inputs),
        })
  const createdPayment = kind === 'postgres' ? createdPaymentStatement(db) : undefined
  const writeCreatedGathered =
    createdPayment === undefined
      ? undefined
      : gatherWrites<CreatedPaymentWrite, boolean>({
          keyOf: (input) => input.orderNo,
          writeOne: (input) => writeCreatedOnPostgres(db, createdPayment, input),
          writeMany: (inputs) => writeManyCreatedOnPostgres(db, inputs),
        })
  return {
    ...stores,
    kind,
    claimsKeyInFirstWrite: kind === 'postgres',
    transaction,
    async insertPendingOrder(input) {
      const { newKey } = input
      if (insertClaimingGathered === undefined || newKey === undefined) {
        return transaction((tx) => insertPendingInTransaction(tx, input))
      }
      return insertClaimingGathered({ ...input, newKey })
    },
    async recordCreatedPayment(input) {
      if (writeCreatedGathered === undefined) {
        return transaction((tx) => writeCreatedInTransaction(tx, input))
      }
      return writeCreatedGathered(input)
    },
    async refreshPlannerStatistics() {
      return kind === 'postgres' ? analyzeStaleTables(db) : []
    },
    async ping() {
      await sql`select 1`.execute(outer)
    },
    async close() {
      closing ??= (async () => {
        await confirmer?.stop()
        await db.destroy()
      })().finally(() => reader?.close())
      await closing
    },
  }
}
