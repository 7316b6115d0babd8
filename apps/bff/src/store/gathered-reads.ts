/** How many numbers one gathered statement reads at most; more polls in one turn take several. */
export const MAX_GATHERED_READS = 100

interface Waiting<Row> {
  orderNo: string
  payerId: string
  resolve: (row: Row | undefined) => void
  reject: (error: unknown) => void
}

/**
 * Gathers the reads of one order of one shopper asked for in the same turn of the event loop and
 * runs them as one statement: `readMany` reads every number asked for (each once), and each read
 * gets the row of its number only when that row is its shopper's, so another shopper's order
 * answers as none, as the one-row read does. A read alone in its turn runs `readOne`, the
 * one-row statement. A failed statement fails every read it carried, as each would have failed.
 *
 * For the shopper's poll on PostgreSQL (store/repository.ts): there each read is a round trip (a
 * send on the socket, the server's statement, pg's parsing of the answer), most of what a poll
 * costs beyond the HTTP exchange; polls that arrive together now share one (docs/performance.md,
 * part 14). The wait is to the end of the current turn (`setImmediate`), never a timer.
 */
export function gatherReads<Row extends { order_no: string }>(options: {
  readOne(orderNo: string, payerId: string): Promise<Row | undefined>
  readMany(orderNos: string[]): Promise<(Row & { payer_id: string })[]>
}): (orderNo: string, payerId: string) => Promise<Row | undefined> {
  let gathered: Waiting<Row>[] = []

  const runOne = ({ orderNo, payerId, resolve, reject }: Waiting<Row>): void => {
    options.readOne(orderNo, payerId).then(resolve, reject)
  }

  const runMany = (reads: Waiting<Row>[]): void => {
    const orderNos = [...new Set(reads.map((read) => read.orderNo))]
    options.readMany(orderNos).then(
      (rows) => {
        const byNumber = new Map(rows.map((row) => [row.order_no, row]))
        for (const read of reads) {
          const row = byNumber.get(read.orderNo)
          read.resolve(row !== undefined && row.payer_id === read.payerId ? row : undefined)
        }
      },
      (error: unknown) => {
        for (const read of reads) read.reject(error)
      },
    )
  }

  const flush = (): void => {
    const reads = gathered
    gathered = []
    if (reads.length === 1) {
      runOne(reads[0]!)
      return
    }
    for (let start = 0; start < reads.length; start += MAX_GATHERED_READS) {
      runMany(reads.slice(start, start + MAX_GATHERED_READS))
    }
  }

  return (orderNo, payerId) =>
    new Promise<Row | undefined>((resolve, reject) => {
      if (gathered.length === 0) setImmediate(flush)
      gathered.push({ orderNo, payerId, resolve, reject })
    })
}
