/** The signals that can end one attempt, kept apart so the error can say which one fired. */
export interface AttemptSignals {
  /** The caller's own signal, if any. */
  external: AbortSignal | undefined
  /** The overall deadline across retries. */
  deadline: AbortSignal
  /** This attempt's own deadline. */
  attempt: AbortSignal
}

/** Combines the attempt's signals into the one that aborts fetch and the body read. */
export function combinedSignal(signals: AttemptSignals): AbortSignal {
  const list = [signals.deadline, signals.attempt]
  if (signals.external !== undefined) list.push(signals.external)
  return AbortSignal.any(list)
}
