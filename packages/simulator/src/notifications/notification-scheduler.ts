import createDebug from 'debug'

import { toPayResultInfo } from '../aggregator/pay-result-info'
import type { SimulatorConfig } from '../simulator-config'
import type { NotificationAttempt, SimOrder } from '../state/sim-order'
import type { SimulatorState } from '../state/simulator-state'
import { deliverNotification } from './deliver-notification'
import { NOTIFICATION_DELAYS_MS } from './notification-schedule'

const debug = createDebug('quickpay:simulator')
const ATTEMPT_TIMEOUT_MS = 5_000

/**
 * Pushes an order's result to its `notify_url` on the documented schedule (divided by `timeScale`)
 * until one delivery is acknowledged, applying the notification faults in force at each attempt.
 * Timers are unref'd and `stop()` clears them and aborts deliveries in flight.
 */
export class NotificationScheduler {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly config: SimulatorConfig,
    private readonly state: SimulatorState,
    private readonly stopped: AbortSignal,
  ) {}

  /** Starts the schedule for an order that just reached a final state (no-op without notify_url). */
  start(order: SimOrder): void {
    if (!order.notify_url) return
    this.schedule(order, 0)
  }

  /** Clears every pending attempt. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private schedule(order: SimOrder, index: number): void {
    const delay = NOTIFICATION_DELAYS_MS[index]
    if (delay === undefined || this.stopped.aborted) return
    const extra = this.state.faults.notificationFaults().delay_ms ?? 0
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        void this.attempt(order, index)
      },
      delay / this.config.timeScale + extra,
    )
    timer.unref()
    this.timers.add(timer)
  }

  private async attempt(order: SimOrder, index: number): Promise<void> {
    const faults = this.state.faults.notificationFaults()
    const base = {
      attempt: index + 1,
      planned_offset_ms: NOTIFICATION_DELAYS_MS.slice(0, index + 1).reduce((a, b) => a + b, 0),
    }
    let acknowledged = false
    if (faults.drop) {
      this.record(order, { ...base, kind: 'current', outcome: 'dropped' })
    } else {
      const body = JSON.stringify(toPayResultInfo(order))
      const copies = Array.from({ length: faults.duplicate ?? 1 }, (_, i) =>
        this.send(order, body, base, i === 0 ? 'current' : 'duplicate'),
      )
      acknowledged = (await Promise.all(copies)).some(Boolean)
      if (faults.reorder) {
        // An out-of-date "failed" body arriving after the real one, as reordered pushes would.
        const stale = JSON.stringify({
          ...toPayResultInfo(order),
          transaction_status: 'FAILED',
          transaction_no: null,
          transaction_time: null,
          cash_amount: 0,
          settlement_amount: 0,
          message: '支付失败',
        })
        await this.send(order, stale, base, 'stale')
      }
    }
    if (!acknowledged) this.schedule(order, index + 1)
  }

  private async send(
    order: SimOrder,
    body: string,
    base: Pick<NotificationAttempt, 'attempt' | 'planned_offset_ms'>,
    kind: NotificationAttempt['kind'],
  ): Promise<boolean> {
    if (this.stopped.aborted || !order.notify_url) return false
    const at = new Date(this.config.clock()).toISOString()
    this.state.stats.notifications.sent += 1
    const signal = AbortSignal.any([this.stopped, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)])
    const result = await deliverNotification(order.notify_url, body, signal)
    if (result.acknowledged) this.state.stats.notifications.acknowledged += 1
    debug('notify %s attempt %d (%s): %o', order.order_no, base.attempt, kind, result)
    const entry: NotificationAttempt = {
      ...base,
      at,
      kind,
      outcome: result.acknowledged ? 'acknowledged' : result.error ? 'error' : 'rejected',
    }
    if (result.status !== undefined) entry.status = result.status
    if (result.body !== undefined) entry.body = result.body
    if (result.error !== undefined) entry.error = result.error
    this.record(order, entry)
    return result.acknowledged
  }

  private record(order: SimOrder, entry: Omit<NotificationAttempt, 'at'> & { at?: string }): void {
    order.notifications.push({ at: new Date(this.config.clock()).toISOString(), ...entry })
  }
}
