import type { NotificationScheduler } from './notifications/notification-scheduler'
import type { SimulatorConfig } from './simulator-config'
import type { SimulatorState } from './state/simulator-state'

/** What every route handler needs: settings, state, the notification scheduler, the stop signal. */
export interface SimulatorContext {
  config: SimulatorConfig
  state: SimulatorState
  notifications: NotificationScheduler
  /** Aborted by `stop()`: hung requests and pending sleeps end with it. */
  stopped: AbortSignal
}
