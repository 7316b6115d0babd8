import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'

import type { DatabaseKind } from './open-database'

/** Builds the in-code migrations; auto-increment ids differ between SQLite and PostgreSQL. */
function migrationsFor(kind: DatabaseKind): Record<string, Migration> {
  const idType = kind === 'sqlite' ? 'integer' : 'bigserial'
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('products')
          .addColumn('sku', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('price', 'bigint', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .execute()
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('channel', 'varchar(32)', (c) => c.notNull())
          .addColumn('payer_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('appid', 'varchar(64)', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema
          .createIndex('sessions_expires_at')
          .on('sessions')
          .column('expires_at')
          .execute()
        await db.schema
          .createTable('orders')
          .addColumn('order_no', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('payer_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('channel', 'varchar(32)', (c) => c.notNull())
          .addColumn('appid', 'varchar(64)', (c) => c.notNull())
          .addColumn('paytype', 'integer', (c) => c.notNull())
          .addColumn('status', 'varchar(24)', (c) => c.notNull())
          .addColumn('amount', 'bigint', (c) => c.notNull())
          .addColumn('items', 'text', (c) => c.notNull())
          .addColumn('attach', 'varchar(128)', (c) => c.notNull())
          .addColumn('cloudpay_param', 'text')
          .addColumn('upstream', 'varchar(16)', (c) => c.notNull())
          .addColumn('transaction_no', 'varchar(64)')
          .addColumn('paid_at', 'bigint')
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('needs_review', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('review_reason', 'text')
          .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('next_check_at', 'bigint')
          .addColumn('check_attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_owner', 'varchar(64)')
          .addColumn('lease_until', 'bigint')
          .execute()
        await db.schema
          .createIndex('orders_payer_created')
          .on('orders')
          .columns(['payer_id', 'created_at'])
          .execute()
        await db.schema
          .createIndex('orders_status_next_check')
          .on('orders')
          .columns(['status', 'next_check_at'])
          .execute()
        await db.schema.createIndex('orders_created').on('orders').column('created_at').execute()
        await db.schema
          .createTable('idempotency_keys')
          .addColumn('payer_id', 'varchar(128)', (c) => c.notNull())
          .addColumn('key', 'varchar(255)', (c) => c.notNull())
          .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
          .addColumn('state', 'varchar(16)', (c) => c.notNull())
          .addColumn('response_status', 'integer')
          .addColumn('response_body', 'text')
          .addColumn('order_no', 'varchar(32)')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('locked_until', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['payer_id', 'key'])
          .execute()
        await db.schema
          .createIndex('idempotency_keys_expires_at')
          .on('idempotency_keys')
          .column('expires_at')
          .execute()
        await db.schema
          .createTable('order_events')
          .addColumn('id', idType, (c) =>
            kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('order_no', 'varchar(32)', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('kind', 'varchar(48)', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute()
        await db.schema
          .createIndex('order_events_order')
          .on('order_events')
          .columns(['order_no', 'id'])
          .execute()
        await db.schema
          .createTable('notifications')
          .addColumn('id', idType, (c) =>
            kind === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('order_no', 'varchar(64)')
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addColumn('content_type', 'varchar(128)')
          .addColumn('raw_body', 'text', (c) => c.notNull())
          .addColumn('outcome', 'varchar(48)')
          .execute()
        await db.schema
          .createIndex('notifications_order')
          .on('notifications')
          .column('order_no')
          .execute()
        await db.schema
          .createTable('refunds')
          .addColumn('refund_no', 'varchar(32)', (c) => c.primaryKey())
          .addColumn('order_no', 'varchar(32)', (c) => c.notNull())
          .addColumn('amount', 'bigint', (c) => c.notNull())
          .addColumn('status', 'varchar(16)', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('refunds_order').on('refunds').column('order_no').execute()
      },
    },
    '0002_close_is_a_transition': {
      // Closing used to write its own `closed` event; every status change is now a `transition`
      // (src/ledger/order-ledger.ts). Both old details were written by JSON.stringify, so they
      // are matched as exact text.
      async up(db: Kysely<unknown>) {
        const rewrite = [
          ['{"by":"shopper"}', '{"from":"pending","to":"closed","source":"shopper"}'],
          [
            '{"by":"reconciler","reason":"expired"}',
            '{"from":"pending","to":"closed","source":"reconciler","reason":"expired"}',
          ],
        ] as const
        for (const [before, after] of rewrite) {
          await sql`update order_events set kind = 'transition', detail = ${after}
            where kind = 'closed' and detail = ${before}`.execute(db)
        }
      },
    },
    '0003_console_sessions': {
      // The merchant console's cookie sessions (src/services/console-sessions.ts).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('console_sessions')
          .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute()
      },
    },
    '0004_idempotency_lock_owner': {
      // Who holds an in-flight key, so a restarted instance can give back its earlier life's keys
      // (src/store/idempotency-store.ts, releaseEarlierLives).
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('idempotency_keys')
          .addColumn('lock_owner', 'varchar(64)')
          .execute()
      },
    },
    '0006_order_list_indexes': {
      // Measured by `pnpm bench --scale` (bench/README.md): the merchant list (store/order-store.ts,
      // `list`) sorts by (created_at desc, order_no desc), with or without a status filter. With only
      // orders_created (and orders_status_next_check for a status), SQLite sorted every match in a
      // temporary B-tree for each page; these indexes hold the list's exact order, so a page walks
      // the index and stops after offset + limit entries. The new first one covers what
      // orders_created served (count, created_at ranges), so that one goes.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('orders_created_order_no')
          .on('orders')
          .columns(['created_at', 'order_no'])
          .execute()
        await db.schema
          .createIndex('orders_status_created_order_no')
          .on('orders')
          .columns(['status', 'created_at', 'order_no'])
          .execute()
        await db.schema.dropIndex('orders_created').execute()
      },
    },
    '0007_orders_transaction_no': {
      // The merchant list's `q` (store/order-store.ts, `filtered`) matches order_no OR
      // transaction_no; with an index on each side the OR is two index lookups instead of a walk
      // over every order (apps/bff/README.md, the index table).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('orders_transaction_no')
          .on('orders')
          .column('transaction_no')
          .execute()
      },
    },
    '0008_orders_payer_open': {
      // Creating an order counts the shopper's open orders (store/order-store.ts,
      // countOpenOfPayer). Through orders_payer_created that read every order of the shopper's
      // from the table to test its status and expiry; this index answers the count from the index
      // alone, and the count stops at the limit it checks.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('orders_payer_open')
          .on('orders')
          .columns(['payer_id', 'status', 'expires_at'])
          .execute()
      },
    },
  }
}

/**
 * Brings the schema up to date. Later migrations are appended to `migrationsFor` under a new,
 * larger key (`0002_…`); existing ones never change.
 */
export async function migrateToLatest(db: Kysely<unknown>, kind: DatabaseKind): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(migrationsFor(kind)),
  }
  const migrator = new Migrator({ db, provider })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
  }
}
