/**
 * Bulk seeding for `pnpm bench --scale`: copies of one real order (created through the API, so
 * every column holds what the BFF writes) and of its timeline events, made by one recursive CTE
 * per chunk (`INSERT … SELECT`) straight into the BFF's SQLite file. Seeded orders get their own
 * numbers (`SEED000000000001` …), spread over 10 000 payers, one every second further in the past;
 * every tenth is `closed` with a recheck scheduled a day ahead (so the reconciler's index has
 * entries that are not due), the rest `paid` like the template.
 */
import Database from 'better-sqlite3'

/** Orders per INSERT … SELECT chunk (one transaction each). */
const CHUNK = 50_000

/** Adds seeded orders number `from` + 1 … `to` (with the template's events) to `databaseFile`. */
export function seedOrders(options: {
  databaseFile: string
  templateOrderNo: string
  /** Only the template's events up to this id are copied (the load adds more to its timeline). */
  lastEventId: number
  from: number
  to: number
  now: number
  progress: (done: number, total: number) => void
}): void {
  const db = new Database(options.databaseFile)
  try {
    db.pragma('busy_timeout = 10000')
    const columns = (
      db.prepare('select name from pragma_table_info(?)').all('orders') as { name: string }[]
    ).map((row) => row.name)
    const replaced: Record<string, string> = {
      order_no: "'SEED' || printf('%012d', n.i)",
      payer_id: "'seed-payer-' || (n.i % 10000)",
      status: "case when n.i % 10 = 0 then 'closed' else o.status end",
      next_check_at: 'case when n.i % 10 = 0 then :now + 86400000 else o.next_check_at end',
      created_at: 'o.created_at - n.i * 1000',
      updated_at: 'o.updated_at - n.i * 1000',
      transaction_no: "case when o.transaction_no is null then null else 'SEEDTX' || n.i end",
      lease_owner: 'null',
      lease_until: 'null',
    }
    const select = columns.map((column) => replaced[column] ?? `o.${column}`).join(', ')
    const insertOrders = db.prepare(`
      with recursive n(i) as (select :first union all select i + 1 from n where i < :last)
      insert into orders (${columns.join(', ')})
      select ${select} from n cross join orders o where o.order_no = :template`)
    const insertEvents = db.prepare(`
      with recursive n(i) as (select :first union all select i + 1 from n where i < :last)
      insert into order_events (order_no, at, kind, detail)
      select 'SEED' || printf('%012d', n.i), e.at - n.i * 1000, e.kind, e.detail
      from n cross join order_events e
      where e.order_no = :template and e.id <= :lastEvent order by n.i, e.id`)
    for (let first = options.from + 1; first <= options.to; first += CHUNK) {
      const last = Math.min(options.to, first + CHUNK - 1)
      const parameters = {
        first,
        last,
        template: options.templateOrderNo,
        lastEvent: options.lastEventId,
        now: options.now,
      }
      db.transaction(() => {
        insertOrders.run(parameters)
        insertEvents.run(parameters)
      })()
      options.progress(last, options.to)
    }
    db.pragma('optimize')
  } finally {
    db.close()
  }
}

/** The id of `orderNo`'s last timeline event so far (0 when it has none). */
export function lastEventId(databaseFile: string, orderNo: string): number {
  const db = new Database(databaseFile, { readonly: true })
  try {
    const row = db
      .prepare('select max(id) as id from order_events where order_no = ?')
      .get(orderNo) as { id: number | null }
    return row.id ?? 0
  } finally {
    db.close()
  }
}
