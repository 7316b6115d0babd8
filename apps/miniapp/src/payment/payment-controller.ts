import type { ShopperOrder, PaymentOutcome } from '@quickpay/contracts'
import { SETTLED_STATUSES } from '@quickpay/contracts/engine-safe'

import type { BffClient } from '../api/bff-client'
import { errorMessageOf } from '../errors/error-message-of'
import { StoreError } from '../errors/store-error'
import type { PayResult } from '../platform/platform-types'
import type { PayPhase, PayState } from './pay-state'
import { POLL_WINDOW_MS, pollDelay } from './poll-delay'

/** What the controller is built from; the BFF client, the wallet, the clock and the sleeper are injected. */
export interface PaymentControllerDeps {
  client: Pick<BffClient, 'getOrder' | 'paymentFor' | 'claim'>
  /** Opens the wallet (or the sandbox cashier) for these parameters. */
  pay: (
    orderNo: string,
    payment: Awaited<ReturnType<BffClient['paymentFor']>>['payment'],
  ) => Promise<PayResult>
  sleep: (ms: number) => Promise<void>
  now: () => number
  pollWindowMs?: number
  onChange: (state: PayState) => void
}

/** The pay page's logic without Taro: drives one order from "pay" to what the BFF says. */
export type PaymentController = ReturnType<typeof createPaymentController>

/**
 * Creates the payment flow for one order: asks the BFF for parameters, opens the wallet, reports
 * the client's claim (best effort), then polls the order with 1 s → 5 s backoff for about two
 * minutes. Paid is shown only when the BFF says `paid`; a cancelled sheet offers paying the SAME
 * order again; an inconclusive result keeps "confirming".
 */
export function createPaymentController(orderNo: string, deps: PaymentControllerDeps) {
  const pollWindowMs = deps.pollWindowMs ?? POLL_WINDOW_MS
  let state: PayState = { phase: 'loading', canPayAgain: false }
  // Each payment attempt bumps the generation; a stale poll loop notices and stops.
  let generation = 0
  let stopped = false

  function set(next: PayState): void {
    state = next
    deps.onChange(state)
  }

  function settledState(order: ShopperOrder, outcome?: PaymentOutcome): PayState {
    const phase: PayPhase =
      order.status === 'paid'
        ? 'paid'
        : order.status === 'closed'
          ? 'closed'
          : order.status === 'failed'
            ? 'failed'
            : 'refunded'
    return { phase, order, canPayAgain: false, ...(outcome === undefined ? {} : { outcome }) }
  }

  function isSettled(order: ShopperOrder): boolean {
    return SETTLED_STATUSES.includes(order.status)
  }

  async function confirm(
    mine: number,
    order: ShopperOrder,
    outcome: PaymentOutcome,
  ): Promise<void> {
    const started = deps.now()
    let latest = order
    for (let attempt = 0; ; attempt += 1) {
      if (stopped || mine !== generation) return
      try {
        latest = await deps.client.getOrder(orderNo)
      } catch {
        // A failed poll is just a poll without news; the next one may get through.
      }
      if (stopped || mine !== generation) return
      if (isSettled(latest)) {
        set(settledState(latest, outcome))
        return
      }
      if (deps.now() - started >= pollWindowMs) {
        set(
          outcome === 'failed'
            ? { phase: 'failed', order: latest, outcome, canPayAgain: true }
            : { phase: 'still_confirming', order: latest, outcome, canPayAgain: false },
        )
        return
      }
      set({ ...state, order: latest })
      await deps.sleep(pollDelay(attempt))
    }
  }

  async function afterPayment(mine: number, order: ShopperOrder, result: PayResult): Promise<void> {
    const { outcome } = result
    set({
      phase: outcome === 'failed' ? 'failed' : outcome === 'cancelled' ? 'cancelled' : 'confirming',
      order,
      outcome,
      // A failed sheet left the order pending: another try is fine while we keep watching.
      canPayAgain: outcome === 'failed',
    })
    await deps.client.claim(orderNo, { outcome, raw: result.raw }).catch(() => undefined)
    if (outcome !== 'cancelled') return confirm(mine, order, outcome)
    // The shopper closed the sheet: look once, then offer paying the same order again.
    const latest = await deps.client.getOrder(orderNo).catch(() => order)
    if (mine !== generation) return
    set(
      isSettled(latest)
        ? settledState(latest, outcome)
        : { phase: 'cancelled', order: latest, outcome, canPayAgain: true },
    )
  }

  async function pay(): Promise<void> {
    if (stopped) return
    generation += 1
    const mine = generation
    const previous = state.order
    set({
      phase: 'paying',
      canPayAgain: false,
      ...(previous === undefined ? {} : { order: previous }),
    })
    let order = previous
    try {
      const issued = await deps.client.paymentFor(orderNo)
      order = issued.order
      if (isSettled(order)) return set(settledState(order))
      const result = await deps.pay(orderNo, issued.payment)
      if (mine !== generation) return
      await afterPayment(mine, order, result)
    } catch (error) {
      if (mine !== generation) return
      if (error instanceof StoreError && error.code === 'LOGIN_REDIRECT') return
      // The wallet never opened or the BFF refused: nothing was paid by this attempt.
      const latest = await deps.client.getOrder(orderNo).catch(() => order)
      if (latest !== undefined && isSettled(latest)) return set(settledState(latest))
      set({
        phase: 'error',
        message: errorMessageOf(error),
        canPayAgain: latest?.status === 'pending',
        ...(latest === undefined ? {} : { order: latest }),
      })
    }
  }

  return {
    /** The current state. */
    get state(): PayState {
      return state
    },

    /** Loads the order; pays at once when `autopay` and the order is still pending. */
    async load(autopay: boolean): Promise<void> {
      let order: ShopperOrder
      try {
        order = await deps.client.getOrder(orderNo)
      } catch (error) {
        if (error instanceof StoreError && error.code === 'LOGIN_REDIRECT') return
        const notFound = error instanceof StoreError && error.code === 'ORDER_NOT_FOUND'
        set(
          notFound
            ? { phase: 'not_found', canPayAgain: false }
            : { phase: 'error', message: errorMessageOf(error), canPayAgain: false },
        )
        return
      }
      if (stopped) return
      if (isSettled(order)) return set(settledState(order))
      set({ phase: 'ready', order, canPayAgain: true })
      if (autopay) await pay()
    },

    /** Pays (or pays again after a cancelled sheet): the same order, the same Idempotency-Key. */
    pay,

    /** Stops polling (the page was left). */
    stop(): void {
      stopped = true
      generation += 1
    },
  }
}
