import { SimulatorError } from '../errors/simulator-error'
import type { SimulatorContext } from '../simulator-context'

/** Refuses a `store_no` the simulated merchant does not have (`STORE_NOT_EXIST`). */
export function requireStore(sim: SimulatorContext, storeNo: string): void {
  if (!sim.config.storeNos.has(storeNo)) {
    throw new SimulatorError(
      'STORE_NOT_EXIST',
      `store_no ${storeNo} is not a store of this merchant`,
    )
  }
}
