/**
 * Runs the work queued during one turn of the event loop together, at the end of that turn
 * (`setImmediate`, never a timer), in the order it was queued. A lane queues each request it
 * takes, so the requests that arrived together (the event loop hands over every socket that is
 * ready in one go) are answered together: their reads back to back, then their answers back to
 * back, instead of one read and one send per socket in turn. Measured on the order poll in
 * docs/performance.md, part 15.
 *
 * A work item must not throw; if one does, `onError` gets the error and the rest still run.
 */
export function turnBatch(onError: (error: unknown) => void): (work: () => void) => void {
  let queued: (() => void)[] = []
  const flush = (): void => {
    const works = queued
    queued = []
    for (const work of works) {
      try {
        work()
      } catch (error) {
        onError(error)
      }
    }
  }
  return (work) => {
    if (queued.length === 0) setImmediate(flush)
    queued.push(work)
  }
}
