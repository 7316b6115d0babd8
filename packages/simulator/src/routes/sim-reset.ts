import type { Middleware } from 'koa'

import type { SimulatorContext } from '../simulator-context'

/** `POST /__sim/reset`: forgets all orders, codes, faults and counters and stops pending pushes. */
export function simReset(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.notifications.stop()
    sim.state.reset()
    ctx.status = 204
  }
}
