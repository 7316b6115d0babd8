import type pg from 'pg'

/** How many distinct SQL texts get a name (the BFF's queries have far fewer shapes). */
export const NAMED_STATEMENTS_CAPACITY = 1000

/**
 * PostgreSQL's answer when a prepared statement's result columns changed under it (a migration
 * added a column to a table it selects `*` from): SQLSTATE 0A000, "cached plan must not change
 * result type".
 */
const FEATURE_NOT_SUPPORTED = '0A000'

type QueryArguments = Parameters<pg.PoolClient['query']>

/**
 * Makes every client of `pool` run each parameterised SQL text as a named prepared statement, so
 * that PostgreSQL parses and plans it once per connection instead of at every execution. Kysely
 * sends `client.query(sql, parameters)`, which pg runs unnamed: the server parses and plans it
 * each time, which was most of PostgreSQL's CPU for the BFF's short statements (a GET's one
 * statement: 5800 → 9100 req/s on PostgreSQL; docs/performance.md, part 8).
 *
 * - Only texts with parameters are named: transaction control, DDL and the migrations run as
 *   they did.
 * - The first `capacity` distinct texts get names; any later one runs unnamed, so a query whose
 *   text varies without bound cannot grow the server's memory without bound.
 * - One name means one text in every connection of the pool (pg prepares it on a connection the
 *   first time that connection runs it).
 * - When a migration changes a table's columns under a running instance, a statement that selects
 *   from it fails once with SQLSTATE 0A000. Its text then gets a new name, so the next execution
 *   prepares it afresh; the failed request fails as any database error does, and a retry passes.
 */
export function nameStatements(pool: pg.Pool, capacity = NAMED_STATEMENTS_CAPACITY): void {
  const names = new Map<string, string>()
  let issued = 0
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text)
    if (known !== undefined || names.size >= capacity) return known
    issued += 1
    const name = `bff_${issued}`
    names.set(text, name)
    return name
  }
  const renew = (text: string, name: string): void => {
    if (names.get(text) !== name) return
    issued += 1
    names.set(text, `bff_${issued}`)
  }
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    const named = (...args: QueryArguments): unknown => {
      const [text, values, callback] = args as unknown[]
      // pg's own pool.query passes a callback: that path stays as it was.
      const name =
        typeof text === 'string' &&
        Array.isArray(values) &&
        values.length > 0 &&
        callback === undefined
          ? nameOf(text)
          : undefined
      if (name === undefined) return query(...args)
      const result = query({ name, text, values }) as Promise<unknown>
      return result.catch((error: unknown) => {
        if ((error as { code?: unknown }).code === FEATURE_NOT_SUPPORTED)
          renew(text as string, name)
        throw error
      })
    }
    ;(client as { query: unknown }).query = named
  })
}
