import { LiankeError } from './lianke-error'

/** True when `error` is one of the Lianke client's errors. */
export function isLiankeError(error: unknown): error is LiankeError {
  return error instanceof LiankeError
}
