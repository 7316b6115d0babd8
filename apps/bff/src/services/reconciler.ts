import type { Clock } from '../clock'
import type { Logger } from '../logger'
import { transition } from '../ledger/order-ledger'
import type { OrderPatch, OrderRecord, RefundRecord } from '../store/records'
import type { Repository } from '../store/repository'
import type { OrderConfirmer } from './order-confirmer'
import { SWEEP_EVERY_MS, sweepExpired } from './sweep-expired'

/** What one tick did, for tests and logs. */
export interface ReconcileSummary {
  checked: number
  paid: number
  failed: number
  closed: number
  errors: number
}

/**
 * The background worker that confirms orders nobody asked about; started and stopped by main.ts,
 * and run one tick at a time by tests (with a fake clock).
 */
export interface Reconciler {
  start(): void
  stop(): Promise<void>
  /** Leases and checks every due order once, as of `now` (default the clock's). */
  runOnce(now?: number): Promise<ReconcileSummary>
}

/** Settings and collaborators of the reconciler. */
export interface ReconcilerDeps {
  repository: Repository
  confirmer: OrderConfirmer
  clock: Clock
  logger: Logger
  /** Time between ticks (RECONCILE_INTERVAL_MS). */
  intervalMs: number
  /** First backoff step (RECONCILE_AFTER_SECONDS, in ms); doubled per unanswered check. */
  firstDelayMs: number
  /** Largest backoff step (RECONCILE_MAX_BACKOFF_SECONDS, in ms). */
  maxDelayMs: number
  /** Orders leased per tick. */
  batchSize?: number
  /** This instance's name (INSTANCE_NAME). */
  instanceName: string
  /** This process life, `<instanceName>#<boot>`: the owner of the leases it takes. */
  owner: string
  /** How long a lease lasts (RECONCILE_LEASE_SECONDS in ms); renewed before each order. */
  leaseMs: number
  /** Finishes a refund left pending (same refund_no); refunds untouched this long are retried. */
  retryRefund?: (refund: RefundRecord) => Promise<unknown>
  /** How long a pending refund rests before the reconciler retries it (default 60 s). */
  refundRetryAfterMs?: number
}

/**
 * After an order is closed it is checked again at these offsets: a shopper may still pay a
 * closed order's payment sheet (a WeChat prepay id lives about 2 h), and the aggregator documents no
 * close route. A payment found then moves the order to paid with a refund-review flag.
 */
export const CLOSED_RECHECK_DELAYS_MS = [10 * 60_000, 2 * 3_600_000, 24 * 3_600_000] as const

/** After a failed refresh of the planner's statistics, the reconciler leaves them this long. */
export const STATISTICS_RETRY_AFTER_MS = 10 * 60_000

/** The backoff before check number `attempt` (0-based): first, 2×first, 4×first … capped. */
export function backoffDelay(attempt: number, firstDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(attempt, 30))
}

/**
 * Creates the reconciler: every `intervalMs` it leases due pending and recently closed
 * orders (`leaseDue`: FOR UPDATE SKIP LOCKED on PostgreSQL, so instances never share one),
 * settles each through the confirmer's coalesced Query, then either stops checking (paid, failed),
 * closes it (unpaid past `expires_at`, after the Query said not paid), or schedules the next check
 * with capped exponential backoff — never later than the expiry, so each order costs a bounded
 * number of Queries.
 */
export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { owner } = deps
  let earlierLivesReleased = false
  const batchSize = deps.batchSize ?? 20
  let timer: NodeJS.Timeout | undefined
  let statisticsPausedUntil = 0
  let running: Promise<unknown> | undefined
  let stopped = true

  async function closeExpired(order: OrderRecord, now: number): Promise<boolean> {
    const patch: OrderPatch = {
      next_check_at: now + (CLOSED_RECHECK_DELAYS_MS[0] ?? 0),
      check_attempts: 0,
      lease_owner: null,
      lease_until: null,
    }
    return deps.repository.transaction((tx) =>
      transition(tx, order, 'closed', {
        from: ['pending'],
        source: 'reconciler',
        reason: 'expired',
        now,
        patch,
      }),
    )
  }

  function nextPendingCheck(order: OrderRecord, now: number): OrderPatch {
    const attempts = order.check_attempts + 1
    const delay = backoffDelay(order.check_attempts + 1, deps.firstDelayMs, deps.maxDelayMs)
    const next = order.expires_at > now ? Math.min(now + delay, order.expires_at) : now + delay
    return { check_attempts: attempts, next_check_at: next, lease_owner: null, lease_until: null }
  }

  function nextClosedCheck(order: OrderRecord, now: number): OrderPatch {
    const attempts = order.check_attempts + 1
    const delay = CLOSED_RECHECK_DELAYS_MS[attempts]
    return {
      check_attempts: attempts,
      next_check_at: delay === undefined ? null : now + delay,
      lease_owner: null,
      lease_until: null,
    }
  }

  async function checkOne(
    order: OrderRecord,
    now: number,
    summary: ReconcileSummary,
  ): Promise<void> {
    const result = await deps.confirmer.confirm(order.order_no, 'reconciler')
    summary.checked += 1
    const done: OrderPatch = { next_check_at: null, lease_owner: null, lease_until: null }
    switch (result.kind) {
      case 'paid':
        summary.paid += 1
        await deps.repository.orders.update(order.order_no, done, now)
        return
      case 'failed':
        summary.failed += 1
        await deps.repository.orders.update(order.order_no, done, now)
        return
      case 'unknown_order':
        return
      default:
        break
    }
    if (order.status === 'closed') {
      await deps.repository.orders.update(order.order_no, nextClosedCheck(order, now), now)
      return
    }
    if (result.kind === 'unavailable') summary.errors += 1
    // Only a definite "not paid" (open, absent) lets an expired order close; an unreachable
    // aggregator or a mismatch keeps it pending and checked.
    const definite = result.kind === 'open' || result.kind === 'absent'
    if (definite && now >= order.expires_at && (await closeExpired(order, now))) {
      summary.closed += 1
      return
    }
    await deps.repository.orders.update(order.order_no, nextPendingCheck(order, now), now)
  }

  let lastSweepAt: number | undefined

  async function runOnce(at?: number): Promise<ReconcileSummary> {
    const now = at ?? deps.clock.now()
    const summary: ReconcileSummary = { checked: 0, paid: 0, failed: 0, closed: 0, errors: 0 }
    if (!earlierLivesReleased) {
      // This instance's previous life died holding these; no live instance shares its name.
      const freed = await deps.repository.orders.releaseLeasesOfEarlierLives(
        deps.instanceName,
        owner,
      )
      earlierLivesReleased = true
      if (freed > 0) deps.logger.info({ freed }, 'released the leases of an earlier life')
    }
    const lease = { now, owner, leaseUntil: now + deps.leaseMs, limit: batchSize }
    const statuses = ['pending', 'closed'] as const
    const leased = await deps.repository.transaction((tx) =>
      tx.orders.leaseDue({ ...lease, statuses }),
    )
    for (const order of leased) {
      try {
        // Renewed just before its check: one order's lease never depends on the batch's length,
        // and an order lost to another instance meanwhile is left to it.
        const at = deps.clock.now()
        if (
          !(await deps.repository.orders.renewLease(order.order_no, owner, at, at + deps.leaseMs))
        )
          continue
        await checkOne(order, now, summary)
      } catch (error) {
        summary.errors += 1
        deps.logger.warn(
          {
            order_no: order.order_no,
            error: error instanceof Error ? error.message : String(error),
          },
          'reconcile failed',
        )
      }
    }
    const retryRefund = deps.retryRefund
    if (retryRefund !== undefined) {
      const stale = await deps.repository.refunds.listPending(
        now - (deps.refundRetryAfterMs ?? 60_000),
        batchSize,
      )
      for (const refund of stale) await retryRefund(refund)
    }
    if (lastSweepAt === undefined || now - lastSweepAt >= SWEEP_EVERY_MS) {
      lastSweepAt = now
      await sweepExpired(deps, now)
    }
    await refreshPlannerStatistics(now)
    if (summary.checked > 0) deps.logger.info({ ...summary }, 'reconciled')
    return summary
  }

  /**
   * The planner's statistics, where autovacuum does not keep them (store/planner-statistics.ts).
   * A failure (an ANALYZE of a large table past the statement timeout, say) never stops the
   * orders' checks; it is logged and not tried again for STATISTICS_RETRY_AFTER_MS, so that a
   * table too large to analyse in time is not read again every tick.
   */
  async function refreshPlannerStatistics(now: number): Promise<void> {
    if (now < statisticsPausedUntil) return
    try {
      const tables = await deps.repository.refreshPlannerStatistics()
      if (tables.length > 0) deps.logger.info({ tables }, 'analysed tables autovacuum leaves alone')
    } catch (error) {
      statisticsPausedUntil = now + STATISTICS_RETRY_AFTER_MS
      deps.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'analysing tables failed; trying again in 10 minutes',
      )
    }
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      const tick = runOnce().catch((error: unknown) => {
        deps.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'reconcile tick failed',
        )
      })
      running = tick
      void tick.finally(() => {
        running = undefined
        schedule()
      })
    }, deps.intervalMs)
    timer.unref()
  }

  return {
    runOnce,
    start() {
      if (!stopped) return
      stopped = false
      schedule()
    },
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await running
    },
  }
}
