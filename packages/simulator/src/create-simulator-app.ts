import { bodyParser } from '@koa/bodyparser'
import Koa from 'koa'

import { SimulatorError } from './errors/simulator-error'
import { NotificationScheduler } from './notifications/notification-scheduler'
import { createAggregatorRouter } from './routers/aggregator-router'
import { createControlRouter } from './routers/control-router'
import { errorBoundary } from './routers/error-boundary'
import { createIdentityRouter } from './routers/identity-router'
import { resolveSimulatorConfig } from './simulator-config'
import type { SimulatorContext } from './simulator-context'
import type { SimulatorOptions } from './simulator-options'
import { SimulatorState } from './state/simulator-state'

/**
 * Builds the simulator as a Koa app without listening (tests may drive `app.callback()`);
 * `stop()` clears notification timers and releases hung requests.
 */
export function createSimulatorApp(options: SimulatorOptions = {}): {
  app: Koa
  state: SimulatorState
  stop(): void
} {
  const config = resolveSimulatorConfig(options)
  const state = new SimulatorState()
  const stopper = new AbortController()
  const sim: SimulatorContext = {
    config,
    state,
    notifications: new NotificationScheduler(config, state, stopper.signal),
    stopped: stopper.signal,
  }
  const app = new Koa()
  app.silent = true
  app.use(errorBoundary())
  app.use(
    bodyParser({
      enableTypes: ['json', 'form'],
      extendTypes: { json: ['application/json', 'text/json'] },
      jsonLimit: '1mb',
      formLimit: '1mb',
      // The aggregator takes JSON whatever the content type says.
      detectJSON: (ctx) => ctx.path.startsWith('/QuickPay/'),
      onError: (_error, ctx) => {
        if (ctx.path.startsWith('/QuickPay/')) {
          ctx.state.bodyError = true
          return
        }
        throw new SimulatorError('INVALID_REQUEST', 'the body is not valid JSON or form data', 400)
      },
    }),
  )
  for (const router of [
    createAggregatorRouter(sim),
    createIdentityRouter(sim),
    createControlRouter(sim),
  ]) {
    app.use(router.routes())
    app.use(router.allowedMethods())
  }
  return {
    app,
    state,
    stop() {
      sim.notifications.stop()
      stopper.abort()
    },
  }
}
