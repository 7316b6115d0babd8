import type { AggregatorRoute } from '../aggregator/aggregator-routes'
import type { FaultSettings, NotificationFaults } from './fault-settings'

/** The faults one aggregator call must suffer; `failing` is false when `error_rate` spared it. */
export interface CallFaults {
  settings: FaultSettings
  failing: boolean
}

/**
 * Holds the current fault set and decides, call by call, which faults apply. `error_rate` is
 * applied deterministically (call k fails when ⌊k·rate⌋ grows), so a rate of 0.5 fails exactly
 * every second matching call and tests need no randomness.
 */
export class FaultController {
  private settings: FaultSettings | undefined
  private matched = 0
  private remaining: number | undefined

  /** Replaces the fault set and restarts its counters. */
  set(settings: FaultSettings): void {
    this.settings = settings
    this.matched = 0
    this.remaining = settings.times
  }

  /** Removes every fault. */
  clear(): void {
    this.settings = undefined
    this.matched = 0
    this.remaining = undefined
  }

  /** The fault set as set, with how many calls `times` still covers. */
  current(): { settings: FaultSettings | null; remaining_times: number | null } {
    return { settings: this.settings ?? null, remaining_times: this.remaining ?? null }
  }

  /** Notification faults in force now. */
  notificationFaults(): NotificationFaults {
    return this.settings?.notifications ?? {}
  }

  /** Counts one call of `route` against the fault set and says what it must suffer. */
  take(route: AggregatorRoute): CallFaults | undefined {
    const settings = this.settings
    if (!settings) return undefined
    if (settings.routes && !settings.routes.includes(route)) return undefined
    if (!hasCallFaults(settings)) return undefined
    this.matched += 1
    const rate = settings.error_rate ?? 1
    const failing = Math.floor(this.matched * rate) > Math.floor((this.matched - 1) * rate)
    if (this.remaining !== undefined) {
      this.remaining -= 1
      if (this.remaining <= 0) this.exhaust(settings)
    }
    return { settings, failing }
  }

  private exhaust(settings: FaultSettings): void {
    // `times` bounds the call faults only; notification faults stay until DELETE /__sim/faults.
    if (settings.notifications) {
      this.settings = { notifications: settings.notifications }
      this.remaining = undefined
    } else {
      this.clear()
    }
  }
}

function hasCallFaults(settings: FaultSettings): boolean {
  return (
    settings.latency_ms !== undefined ||
    settings.hang === true ||
    settings.http_status !== undefined ||
    settings.malformed_json === true ||
    settings.oversized_body_bytes !== undefined ||
    settings.business_error !== undefined ||
    settings.reset_after_processing === true ||
    settings.script_cloudpay_param === true ||
    settings.refund_outcome !== undefined
  )
}
