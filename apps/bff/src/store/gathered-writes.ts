/** How many writes one gathered statement carries at most; more in one turn take several. */
export const MAX_GATHERED_WRITES = 100

interface Waiting<Input> {
  input: Input
  resolve: (written: boolean) => void
  reject: (error: unknown) => void
}

/**
 * Gathers the guarded writes asked for in the same turn of the event loop and runs them as one
 * statement, hence one commit: `writeMany` writes every input it is given and answers the keys of
 * those it wrote (a guard that did not match writes nothing for its input, as `writeOne` answers
 * false). A write alone in its turn runs `writeOne`, the one-input statement. Two writes of one key
 * never share a statement: the later one waits for the next turn. A failed statement fails every write
 * it carried; a statement commits all of its parts or none, so none of them was written.
 *
 * For the create's last write on PostgreSQL (store/repository.ts): each is a statement and a commit
 * of its own, the BFF's and PostgreSQL's largest cost per create after the first write, and
 * creates that get their payment parameters in the same turn now share one
 * (docs/performance.md, part 20). The wait is to the end of the current turn (`setImmediate`),
 * never a timer, as in store/gathered-reads.ts.
 */
export function gatherWrites<Input>(options: {
  keyOf(input: Input): string
  writeOne(input: Input): Promise<boolean>
  writeMany(inputs: Input[]): Promise<ReadonlySet<string>>
}): (input: Input) => Promise<boolean> {
  let gathered: Waiting<Input>[] = []

  const runOne = ({ input, resolve, reject }: Waiting<Input>): void => {
    options.writeOne(input).then(resolve, reject)
  }

  const runMany = (writes: Waiting<Input>[]): void => {
    options.writeMany(writes.map((write) => write.input)).then(
      (written) => {
        for (const write of writes) write.resolve(written.has(options.keyOf(write.input)))
      },
      (error: unknown) => {
        for (const write of writes) write.reject(error)
      },
    )
  }

  const run = (writes: Waiting<Input>[]): void => {
    if (writes.length === 1) runOne(writes[0]!)
    else if (writes.length > 1) runMany(writes)
  }

  const flush = (): void => {
    const writes = gathered
    gathered = []
    let batch: Waiting<Input>[] = []
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
    new Promise<boolean>((resolve, reject) => {
      if (gathered.length === 0) setImmediate(flush)
      gathered.push({ input, resolve, reject })
    })
}
