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
  url: string,
  from: number,
  count: number,
  sinceAnalysis = count,
): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(
      `INSERT INTO orders (order_no, payer_id, channel, appid, paytype, status, amount, items,
         attach, upstream, expires_at, created_at, updated_at, next_check_at)
       SELECT 'O' || lpad(g::text, 8, '0'), 'payer-1', 'wechat-miniprogram', 'wx0000000000000001',
         11, 'pending', 100, '[]', 'a', 'not_called', 2000, 1000, 1000, 1500
       FROM generate_series($1::int, $2::int) AS g`,
      [from, from + count - 1],
    )
    await client.query('SELECT pg_stat_force_next_flush()')
  } finally {
    await client.end()
  }
  await changesCounted(url, 'orders', sinceAnalysis)
}

/** When PostgreSQL last analysed `table` (by anyone), or null. */
async function lastAnalysed(url: string, table: string): Promise<Date | null> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ at: Date | null }>(
      'SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables WHERE relname = $1',
      [table],
    )
    return rows[0]?.at ?? null
  } finally {
    await client.end()
  }
}

/** Waits until PostgreSQL's statistics count at least `rows` changes to `table` since its last analysis. */
async function changesCounted(url: string, table: string, rows: number): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const { rows: found } = await client.query<{ changed: string }>(
        'SELECT n_mod_since_analyze AS changed FROM pg_stat_user_tables WHERE relname = $1',
        [table],
      )
      if (Number(found[0]?.changed ?? 0) >= rows) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`PostgreSQL did not count ${rows} changes to ${table} in 10 s`)
  } finally {
    await client.end()
  }
}

/** A repository on a fresh database whose `orders` autovacuum never analyses. */
async function withoutAutovacuum(
  kind: 'sqlite' | 'postgres',
): Promise<{ database: FreshDatabase; repository: Repository }> {
  const database = await freshDatabase(kind)
  const repository = await createRepository(database.url)
  if (kind === 'postgres') {
    // Whatever the server's own setting, autovacuum leaves this table alone.
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query('ALTER TABLE orders SET (autovacuum_enabled = false)')
    await client.end()
  }
  return { database, repository }
}

describe.each(TEST_DATABASES)('the planner statistics on %s', (kind) => {
  let database: FreshDatabase
  let repository: Repository

  beforeAll(async () => {
    ;({ database, repository } = await withoutAutovacuum(kind))
  })
  afterAll(async () => {
    await repository?.close()
    await database?.drop()
  })

  if (kind === 'sqlite') {
    it('are nothing to refresh on SQLite', async () => {
      await insertOrders(repository, 0, 120)
      expect(await repository.refreshPlannerStatistics()).toEqual([])
    })
    return
  }

  it('are refreshed once a table changed enough, and a plan made on the empty table is made again', async () => {
    // A connection that planned the poll's kind of lookup while `orders` was empty, as the BFF's
    // connections do with their named statements (store/named-statements.ts).
    const connection = new pg.Client({ connectionString: database.url })
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

      await insertCounted(database.url, 0, 40)
      expect(await repository.refreshPlannerStatistics()).toEqual([])
      expect(await lastAnalysed(database.url, 'orders')).toBeNull()

      // Large enough that an index lookup beats reading the whole table.
      await insertCounted(database.url, 40, 1960, 2000)
      expect(await repository.refreshPlannerStatistics()).toEqual(['orders'])
      expect(await lastAnalysed(database.url, 'orders')).not.toBeNull()
      expect(await planOf()).toContain('orders_pkey')
    } finally {
      await connection.end()
    }
  })

  it('analyses a table again only once it changed by another 10 % (plus 50 rows)', async () => {
    const before = await lastAnalysed(database.url, 'orders')
    // 2 000 rows at the last analysis: the next one after 250 changes.
    await insertCounted(database.url, 2000, 200)
    expect(await repository.refreshPlannerStatistics()).toEqual([])
    expect(await lastAnalysed(database.url, 'orders')).toEqual(before)
    await insertCounted(database.url, 2200, 60, 260)
    expect(await repository.refreshPlannerStatistics()).toEqual(['orders'])
  })

  it('are refreshed by every reconciler tick', async () => {
    const other = await withoutAutovacuum(kind)
    try {
      await insertCounted(other.database.url, 0, 80)
      const reconciler = createReconciler({
        repository: other.repository,
        // No order is due at time 0, so no order is confirmed.
        confirmer: {} as OrderConfirmer,
        clock: { now: () => 0 },
        logger: createLogger('silent'),
        intervalMs: 5_000,
        firstDelayMs: 60_000,
        maxDelayMs: 900_000,
        instanceName: 'statistics-test',
        owner: 'statistics-test#1',
        leaseMs: 30_000,
      })
      expect((await reconciler.runOnce(0)).checked).toBe(0)
      expect(await lastAnalysed(other.database.url, 'orders')).not.toBeNull()
    } finally {
      await other.repository.close()
      await other.database.drop()
    }
  })
})

describe('the reconciler, when the statistics cannot be refreshed', () => {
  it('logs it, finishes its tick, and tries again only after ten minutes', async () => {
    const { database, repository } = await withoutAutovacuum('sqlite')
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
      const reconciler = createReconciler({
        repository: failing,
        confirmer: {} as OrderConfirmer,
        clock: { now: () => 0 },
        logger: createLogger('warn', { write: (line: string) => lines.push(line) }),
        intervalMs: 5_000,
        firstDelayMs: 60_000,
        maxDelayMs: 900_000,
        instanceName: 'statistics-test',
        owner: 'statistics-test#2',
        leaseMs: 30_000,
      })
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
