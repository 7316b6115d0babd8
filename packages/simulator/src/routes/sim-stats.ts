import type { Middleware } from 'koa'

import type { SimulatorContext } from '../simulator-context'

/** `GET /__sim/stats`: call counters per route and per order, and notification counts. */
export function simStats(sim: SimulatorContext): Middleware {
  return (ctx) => {
    ctx.body = sim.state.stats
  }
}
