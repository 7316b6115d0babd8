/**
 * The simulator's one error family: a refusal with a wire `code` (an aggregator result code such as
 * `ORDER_EXISTS`, or a control-route code) and the HTTP status the control routes answer with.
 * Aggregator routes always answer HTTP 200 with `{ code, msg, data: null }` for these.
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError'

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
  }
}
