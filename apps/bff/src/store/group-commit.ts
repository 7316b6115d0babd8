import { CompiledQuery, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'

/** How large a batch may grow before it commits although more units are waiting. */
export interface GroupCommitOptions {
  /** Units per batch (default 32). */
  maxUnits?: number
  /** Milliseconds from BEGIN after which no further unit joins the batch (default 20). */
  maxBatchMs?: number
}

/**
 * Runs `work` as one unit of a group-committed write transaction; see `groupCommit`. `atomic`
 * says the work is exactly one statement, which SQLite makes atomic by itself: it then runs
 * without a savepoint of its own.
 */
export type GroupCommitRun = <T>(
  work: (connection: Kysely<DatabaseSchema>) => Promise<T>,
  options?: { atomic?: boolean },
) => Promise<T>

interface Unit {
  work: (connection: Kysely<DatabaseSchema>) => Promise<unknown>
  atomic: boolean
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Whether a statement's failure undid only that statement, leaving the batch's transaction as it
 * was: a constraint refused it (SQLite backs out the statement, ON CONFLICT ABORT being the
 * default). Any other error (disk full, I/O, out of memory, busy…) may have rolled the whole
 * transaction back, or is not SQLite's at all, so it fails the batch.
 */
function undidOnlyItsStatement(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

/** What a unit ended with, settled only once its batch has committed or failed. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

// Compiled once: building them with the `sql` tag per unit would cost more than running them.
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')
// Units run one after the other, never nested, so one savepoint name serves them all.
const SAVEPOINT = CompiledQuery.raw('savepoint unit')
const RELEASE = CompiledQuery.raw('release unit')
const ROLLBACK_TO = CompiledQuery.raw('rollback to unit')

/**
 * Group commit for SQLite: write transactions that are waiting at the same time share one outer
 * transaction and so one COMMIT (one fsync of the WAL under `synchronous = FULL`).
 *
 * A batch takes Kysely's single SQLite writer connection (its mutex queues every other query on
 * it until the batch has committed; the repository's reads use a second, read-only connection
 * that sees only committed rows, see `readWriteSplit`), runs BEGIN IMMEDIATE, then each waiting unit in its own SAVEPOINT, one at a
 * time. A unit that throws is rolled back to its savepoint; its neighbours go on. An `atomic`
 * unit (one statement) runs without a savepoint: a constraint refusing it undoes only that
 * statement, and any other failure of it fails the batch. When no unit is
 * waiting, even after one turn of the event loop (or the batch reached `maxUnits` or
 * `maxBatchMs`), the batch COMMITs and only then settles
 * every unit's promise: the values of the units that succeeded, the errors of those that threw. So
 * no caller can acknowledge a write before it is on disk. When BEGIN, a savepoint's rollback or the
 * COMMIT fails, the batch is rolled back and every unit of it rejects with the database's error (so
 * a busy or broken database still answers 503 through the error boundary).
 */
export function groupCommit(
  db: Kysely<DatabaseSchema>,
  options: GroupCommitOptions = {},
): GroupCommitRun {
  const maxUnits = options.maxUnits ?? 32
  const maxBatchMs = options.maxBatchMs ?? 20
  const queue: Unit[] = []
  let running = false

  async function runBatch(connection: Kysely<DatabaseSchema>): Promise<void> {
    const taken: { unit: Unit; outcome: Outcome }[] = []
    try {
      await connection.executeQuery(BEGIN_IMMEDIATE)
    } catch (error) {
      // Every waiting unit would wait for the same lock (busy_timeout) in turn: refuse them all now.
      for (const unit of queue.splice(0)) unit.reject(error)
      return
    }
    const started = Date.now()
    for (;;) {
      if (taken.length >= maxUnits || Date.now() - started >= maxBatchMs) break
      if (queue.length === 0) {
        // The driver is synchronous, so requests that arrived together are still waiting in the
        // event loop's I/O queue: one turn of it lets them join before the COMMIT's fsync.
        await new Promise((done) => setImmediate(done))
        if (queue.length === 0) break
      }
      const unit = queue.shift()
      if (unit === undefined) break
      const entry: { unit: Unit; outcome: Outcome } = {
        unit,
        outcome: { ok: false, error: undefined },
      }
      taken.push(entry)
      if (unit.atomic) {
        // One statement: SQLite applies all of it or none, so no savepoint is needed around it.
        try {
          entry.outcome = { ok: true, value: await unit.work(connection) }
        } catch (error) {
          entry.outcome = { ok: false, error }
          if (!undidOnlyItsStatement(error)) return failBatch(connection, taken, error)
        }
        continue
      }
      try {
        await connection.executeQuery(SAVEPOINT)
        entry.outcome = { ok: true, value: await unit.work(connection) }
        await connection.executeQuery(RELEASE)
      } catch (error) {
        entry.outcome = { ok: false, error }
        try {
          await connection.executeQuery(ROLLBACK_TO)
          await connection.executeQuery(RELEASE)
        } catch (rollbackError) {
          // The savepoint is gone: SQLite rolled the whole transaction back (e.g. disk full), so
          // the units before this one are lost as well.
          return failBatch(connection, taken, rollbackError)
        }
      }
    }
    try {
      await connection.executeQuery(COMMIT)
    } catch (error) {
      return failBatch(connection, taken, error)
    }
    for (const { unit: done, outcome } of taken) {
      if (outcome.ok) done.resolve(outcome.value)
      else done.reject(outcome.error)
    }
  }

  async function failBatch(
    connection: Kysely<DatabaseSchema>,
    taken: readonly { unit: Unit }[],
    error: unknown,
  ): Promise<void> {
    await connection.executeQuery(ROLLBACK).catch(() => undefined)
    for (const { unit } of taken) unit.reject(error)
  }

  function drain(): void {
    if (running || queue.length === 0) return
    running = true
    db.connection()
      .execute(runBatch)
      .catch((error: unknown) => {
        // Acquiring the connection failed (the handle is closed): nothing of the queue can run.
        for (const unit of queue.splice(0)) unit.reject(error)
      })
      .finally(() => {
        running = false
        // Units that arrived during the COMMIT, or beyond the caps, form the next batch; it queues
        // behind the reads that waited for this one.
        drain()
      })
  }

  return <T>(
    work: (connection: Kysely<DatabaseSchema>) => Promise<T>,
    options: { atomic?: boolean } = {},
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({
        work,
        atomic: options.atomic === true,
        resolve: resolve as (value: unknown) => void,
        reject,
      })
      drain()
    })
}
