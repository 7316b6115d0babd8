/** How many writes one gathered statement carries at most; more in one turn take several. */
export const MAX_GATHERED_WRITES = 100

interface Waiting<Input, Outcome> {
  input: Input
  resolve: (outcome: Outcome) => void
  reject: (error: unknown) => void
}

/**
 * Gathers the writes asked for in the same turn of the event loop and runs them as one statement,
 * hence one commit: `writeMany` writes every input it is given and answers each one's outcome, in
 * their order, as `writeOne` would have (a guard that did not match writes nothing for its input).
 * A write alone in its turn runs `writeOne`, the one-input statement. Two writes of one key never
 * share a statement: the later one waits for the next turn. A failed statement fails every write
 * it carried; a statement commits all of its parts or none, so none of them was written.
 *
 * For a create's two writes on PostgreSQL (store/repository.ts): each was a statement and a commit
 * of its own, most of PostgreSQL's cost per create, and creates that get to the same write in the
 * same turn now share one (docs/performance.md, part 20). The wait is to the end of the current
 * turn (`setImmediate`), never a timer, as in store/gathered-reads.ts.
 */
export function gatherWrites<Input, Outcome>(options: {
  keyOf(input: Input): string
  writeOne(input: Input): Promise<Outcome>
  writeMany(inputs: Input[]): Promise<readonly Outcome[]>
}): (input: Input) => Promise<Outcome> {
  let gathered: Waiting<Input, Outcome>[] = []

  const runOne = ({ input, resolve, reject }: Waiting<Input, Outcome>): void => {
    options.writeOne(input).then(resolve, reject)
  }

  const runMany = (writes: Waiting<Input, Outcome>[]): void => {
    options.writeMany(writes.map((write) => write.input)).then(
      (outcomes) => {
        for (const [index, write] of writes.entries()) write.resolve(outcomes[index]!)
      },
      (error: unknown) => {
        for (const write of writes) write.reject(error)
      },
    )
  }

  const run = (writes: Waiting<Input, Outcome>[]): void => {
    if (writes.length === 1) runOne(writes[0]!)
    else if (writes.length > 1) runMany(writes)
  }

  const flush = (): void => {
    const writes = gathered
    gathered = []
    let batch: Waiting<Input, Outcome>[] = []
    const keys = new Set<string>()
    for (const write of writes) {
      const key = options.keyOf(write.input)
      if (keys.has(key)) {
        // A second write of one key goes to the next turn's statement.
        if (gathered.length === 0) setImmediate(flush)
        gathered.push(write)
        continue
      }
      keys.add(key)
      batch.push(write)
      if (batch.length === MAX_GATHERED_WRITES) {
        run(batch)
        batch = []
      }
    }
    run(batch)
  }

  return (input) =>
    new Promise<Outcome>((resolve, reject) => {
      if (gathered.length === 0) setImmediate(flush)
      gathered.push({ input, resolve, reject })
    })
}
