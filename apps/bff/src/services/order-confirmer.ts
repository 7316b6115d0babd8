import type { Logger } from '../logger'
import {
  settleOrder,
  type CheckSource,
  type SettleOrderDeps,
  type SettleResult,
} from './settle-order'

/**
 * Settles pending orders on demand: `GET /api/orders/:order_no` calls `requestCheck` for a pending
 * order older than a few seconds; the implementation asks `QuickPay/Query`, coalesced per order,
 * and never blocks the caller. The default does nothing.
 */
export interface OrderConfirmer {
  requestCheck(orderNo: string): void
}

/** The confirmer that does nothing (until the notification helper plugs in the real one). */
export const noopConfirmer: OrderConfirmer = { requestCheck: () => undefined }

/** The real confirmer: `confirm` settles an order through one coalesced Query and answers the outcome. */
export interface CoalescingOrderConfirmer extends OrderConfirmer {
  /** Settles `orderNo`, sharing an in-flight or recent (within the window) Query for the same order. */
  confirm(orderNo: string, source: CheckSource): Promise<SettleResult>
  /** Resolves once every Query started so far has finished (tests and shutdown). */
  idle(): Promise<void>
}

/** What the confirmer needs: settling, plus the coalescing window. */
export interface OrderConfirmerDeps extends SettleOrderDeps {
  logger: Logger
  /** At most one Query per order per this many milliseconds (QUERY_COALESCE_MS). */
  windowMs: number
}

interface Entry {
  promise: Promise<SettleResult>
  settledAt: number | undefined
}

/** Answers that may be shared for the whole window; anything else is asked again next time. */
function isReusable(result: SettleResult): boolean {
  return result.kind !== 'unavailable'
}

/**
 * Creates the confirmer. Concurrent callers for one order share one in-flight Query; a finished
 * answer is reused for `windowMs` (S7: a notification flood makes one Query). State lives in
 * memory only as a cache: with several instances the database's conditional transitions keep the
 * outcome single (F7).
 */
export function createOrderConfirmer(deps: OrderConfirmerDeps): CoalescingOrderConfirmer {
  const entries = new Map<string, Entry>()

  function prune(now: number): void {
    if (entries.size < 1000) return
    for (const [orderNo, entry] of entries) {
      if (entry.settledAt !== undefined && now - entry.settledAt >= deps.windowMs) {
        entries.delete(orderNo)
      }
    }
  }

  function confirm(orderNo: string, source: CheckSource): Promise<SettleResult> {
    const now = deps.clock.now()
    const existing = entries.get(orderNo)
    if (
      existing !== undefined &&
      (existing.settledAt === undefined || now - existing.settledAt < deps.windowMs)
    ) {
      return existing.promise
    }
    prune(now)
    const entry: Entry = {
      promise: Promise.resolve({ kind: 'unknown_order' }),
      settledAt: undefined,
    }
    entry.promise = settleOrder(deps, orderNo, source).then(
      (result) => {
        if (isReusable(result)) entry.settledAt = deps.clock.now()
        else if (entries.get(orderNo) === entry) entries.delete(orderNo)
        return result
      },
      (error: unknown) => {
        if (entries.get(orderNo) === entry) entries.delete(orderNo)
        throw error
      },
    )
    entries.set(orderNo, entry)
    return entry.promise
  }

  return {
    confirm,
    requestCheck(orderNo) {
      confirm(orderNo, 'poll').catch((error: unknown) => {
        deps.logger.warn(
          { order_no: orderNo, error: error instanceof Error ? error.message : String(error) },
          'on-demand check failed',
        )
      })
    },
    async idle() {
      const pending = [...entries.values()].map((entry) => entry.promise.catch(() => undefined))
      await Promise.all(pending)
    },
  }
}
