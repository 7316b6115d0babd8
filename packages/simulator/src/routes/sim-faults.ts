import type { Middleware } from 'koa'

import { faultSettingsSchema } from '../faults/fault-settings'
import type { SimulatorContext } from '../simulator-context'
import { parseControlBody } from './parse-control-body'

/** `PUT /__sim/faults`: replaces the fault set (validated); answers it back. */
export function simPutFaults(sim: SimulatorContext): Middleware {
  return (ctx) => {
    const settings = parseControlBody(faultSettingsSchema, ctx.request.body)
    sim.state.faults.set(settings)
    ctx.body = sim.state.faults.current()
  }
}

/** `DELETE /__sim/faults`: removes every fault. */
export function simDeleteFaults(sim: SimulatorContext): Middleware {
  return (ctx) => {
    sim.state.faults.clear()
    ctx.status = 204
  }
}

/** `GET /__sim/faults`: the fault set in force. */
export function simGetFaults(sim: SimulatorContext): Middleware {
  return (ctx) => {
    ctx.body = sim.state.faults.current()
  }
}
