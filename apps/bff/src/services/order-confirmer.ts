import type { CheckSource } from '@quickpay/contracts'

import { confirmOrder, type ConfirmOrderDeps, type ConfirmResult } from './confirm-order'

/**
 * Confirms orders through coalesced Queries: notifications and the reconciler await `confirm`;
 * status polls and claims call `requestCheck`, which never blocks the caller.
 */
export interface OrderConfirmer {
  /** Confirms `orderNo`, sharing an in-flight or recent (within the window) Query for the same order. */
  confirm(orderNo: string, source: CheckSource): Promise<ConfirmResult>
  /** Starts a `poll` confirmation in the background (errors are logged). */
  requestCheck(orderNo: string): void
  /** Resolves once every Query started so far has finished (tests and shutdown). */
  idle(): Promise<void>
}

/** What the confirmer needs: confirming, plus the coalescing window. */
export interface OrderConfirmerDeps extends ConfirmOrderDeps {
  /** At most one Query per order per this many milliseconds (QUERY_COALESCE_MS). */
  windowMs: number
}

interface Entry {
  promise: Promise<ConfirmResult>
  settledAt: number | undefined
}

/** Answers that may be shared for the whole window; anything else is asked again next time. */
function isReusable(result: ConfirmResult): boolean {
  return result.kind !== 'unavailable'
}

/**
 * Creates the confirmer. Concurrent callers for one order share one in-flight Query; a finished
 * answer is reused for `windowMs` (a notification flood makes one Query). State lives in
 * memory only as a cache: with several instances the database's conditional transitions keep the
 * outcome single.
 */
export function createOrderConfirmer(deps: OrderConfirmerDeps): OrderConfirmer {
  const entries = new Map<string, Entry>()

  function prune(now: number): void {
    if (entries.size < 1000) return
    for (const [orderNo, entry] of entries) {
      if (entry.settledAt !== undefined && now - entry.settledAt >= deps.windowMs) {
        entries.delete(orderNo)
      }
    }
  }

  function confirm(orderNo: string, source: CheckSource): Promise<ConfirmResult> {
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
    entry.promise = confirmOrder(deps, orderNo, source).then(
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
