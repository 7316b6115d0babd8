import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createLogger } from '../../src/logger'
import type { OrderConfirmer } from '../../src/services/order-confirmer'
import { STATISTICS_RETRY_AFTER_MS, createReconciler } from '../../src/services/reconciler'
import { createRepository } from '../../src/store/create-repository'
import type { Repository } from '../../src/store/repository'
import { TEST_DATABASES, freshDatabase, type FreshDatabase } from '../support/databases'
import { orderRecord } from '../support/order-record'

/** Stores `count` pending orders numbered from `from` through the repository (none due before 1 500). */
async function insertOrders(repository: Repository, from: number, count: number): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    await repository.orders.insert(orderRecord(`O${String(index).padStart(8, '0')}`))
  }
}

/**
 * Stores `count` pending orders numbered from `from` on PostgreSQL in one statement, then has the
 * connection report its counts at once (a backend reports them when idle, up to ten seconds late,
 * unless told otherwise: `pg_stat_force_next_flush`) and waits until PostgreSQL counts
 * `sinceAnalysis` changes to `orders` since its last analysis.
 */
async function insertCounted(
  client: pg.Client,
  from: number,
  count: number,
  sinceAnalysis = count,
): Promise<void> {
  await client.query(
    `INSERT INTO orders (order_no, payer_id, channel, appid, paytype, status, amount, items,
       attach, upstream, expires_at, created_at, updated_at, next_check_at)
     SELECT 'O' || lpad(g::text, 8, '0'), 'payer-1', 'wechat-miniprogram', 'wx0000000000000001',
       11, 'pending', 100, '[]', 'a', 'not_called', 2000, 1000, 1000, 1500
     FROM generate_series($1::int, $2::int) AS g`,
    [from, from + count - 1],
  )
  await client.query('SELECT pg_stat_force_next_flush()')
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const { rows } = await client.query<{ changed: string }>(
      "SELECT n_mod_since_analyze AS changed FROM pg_stat_user_tables WHERE relname = 'orders'",
    )
    if (Number(rows[0]?.changed ?? 0) >= sinceAnalysis) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`PostgreSQL did not count ${sinceAnalysis} changes to orders in 10 s`)
}

/** When PostgreSQL last analysed `orders` (by anyone), or null. */
async function lastAnalysed(client: pg.Client): Promise<Date | null> {
  const { rows } = await client.query<{ at: Date | null }>(
    "SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables WHERE relname = 'orders'",
  )
  return rows[0]?.at ?? null
}

/** A fresh database, its repository, and (PostgreSQL) a connection of the test's own. */
interface TestDatabase {
  database: FreshDatabase
  repository: Repository
  client: pg.Client
}

/** A repository on a fresh PostgreSQL database whose `orders` autovacuum never analyses. */
async function withoutAutovacuum(): Promise<TestDatabase> {
  const database = await freshDatabase('postgres')
  const repository = await createRepository(database.url)
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  // Whatever the server's own setting, autovacuum leaves this table alone.
  await client.query('ALTER TABLE orders SET (autovacuum_enabled = false)')
  return { database, repository, client }
}

async function release({ database, repository, client }: TestDatabase): Promise<void> {
  await client.end()
  await repository.close()
  await database.drop()
}

/** A reconciler over `repository` for which no order is due at time 0, so none is confirmed. */
function reconcilerOver(repository: Repository, logger = createLogger('silent')) {
  return createReconciler({
    repository,
    confirmer: {} as OrderConfirmer,
    clock: { now: () => 0 },
    logger,
    intervalMs: 5_000,
    firstDelayMs: 60_000,
    maxDelayMs: 900_000,
    instanceName: 'statistics-test',
    owner: 'statistics-test#1',
    leaseMs: 30_000,
  })
}

describe('the planner statistics on sqlite', () => {
  it('are nothing to refresh', async () => {
    const database = await freshDatabase('sqlite')
    const repository = await createRepository(database.url)
    try {
      await insertOrders(repository, 0, 120)
      expect(await repository.refreshPlannerStatistics()).toEqual([])
    } finally {
      await repository.close()
      await database.drop()
    }
  })
})

// PostgreSQL only: SQLite's planner needs no statistics (above).
describe.each(TEST_DATABASES.filter((kind) => kind === 'postgres'))(
  'the planner statistics on %s',
  () => {
    let db: TestDatabase

    beforeAll(async () => {
      db = await withoutAutovacuum()
    })
    afterAll(async () => {
      if (db !== undefined) await release(db)
    })

    it('are refreshed once a table changed enough, and a plan made on the empty table is made again', async () => {
      // A connection that planned the poll's kind of lookup while `orders` was empty, as the BFF's
      // connections do with their named statements (store/named-statements.ts).
      const connection = new pg.Client({ connectionString: db.database.url })
      await connection.connect()
      const planOf = async (): Promise<string> => {
        const { rows } = await connection.query<{ 'QUERY PLAN': string }>(
          "EXPLAIN EXECUTE lookup('O00000001', 'pending')",
        )
        return rows.map((row) => row['QUERY PLAN']).join('\n')
      }
      try {
        await connection.query('SET plan_cache_mode = force_generic_plan')
        await connection.query(
          'PREPARE lookup(text, text) AS SELECT order_no FROM orders WHERE order_no = $1 AND status = $2',
        )
        await planOf()

        await insertCounted(db.client, 0, 40)
        expect(await db.repository.refreshPlannerStatistics()).toEqual([])
        expect(await lastAnalysed(db.client)).toBeNull()

        // Large enough that an index lookup beats reading the whole table.
        await insertCounted(db.client, 40, 1960, 2000)
        expect(await db.repository.refreshPlannerStatistics()).toEqual(['orders'])
        expect(await lastAnalysed(db.client)).not.toBeNull()
        expect(await planOf()).toContain('orders_pkey')
      } finally {
        await connection.end()
      }
    })

    it('analyses a table again only once it changed by another 10 % (plus 50 rows)', async () => {
      const before = await lastAnalysed(db.client)
      // 2 000 rows at the last analysis: the next one after 250 changes.
      await insertCounted(db.client, 2000, 200)
      expect(await db.repository.refreshPlannerStatistics()).toEqual([])
      expect(await lastAnalysed(db.client)).toEqual(before)
      await insertCounted(db.client, 2200, 60, 260)
      expect(await db.repository.refreshPlannerStatistics()).toEqual(['orders'])
    })

    it('are refreshed by every reconciler tick', async () => {
      const other = await withoutAutovacuum()
      try {
        await insertCounted(other.client, 0, 80)
        expect((await reconcilerOver(other.repository).runOnce(0)).checked).toBe(0)
        expect(await lastAnalysed(other.client)).not.toBeNull()
      } finally {
        await release(other)
      }
    })
  },
)

describe('the reconciler, when the statistics cannot be refreshed', () => {
  it('logs it, finishes its tick, and tries again only after ten minutes', async () => {
    const database = await freshDatabase('sqlite')
    const repository = await createRepository(database.url)
    try {
      let calls = 0
      const failing: Repository = {
        ...repository,
        refreshPlannerStatistics: () => {
          calls += 1
          return Promise.reject(new Error('canceling statement due to statement timeout'))
        },
      }
      const lines: string[] = []
      const reconciler = reconcilerOver(
        failing,
        createLogger('warn', { write: (line: string) => lines.push(line) }),
      )
      expect((await reconciler.runOnce(0)).errors).toBe(0)
      expect(calls).toBe(1)
      expect(lines.join('')).toContain('analysing tables failed')
      await reconciler.runOnce(5_000)
      await reconciler.runOnce(STATISTICS_RETRY_AFTER_MS - 1)
      expect(calls).toBe(1)
      await reconciler.runOnce(STATISTICS_RETRY_AFTER_MS)
      expect(calls).toBe(2)
    } finally {
      await repository.close()
      await database.drop()
    }
  })
})
