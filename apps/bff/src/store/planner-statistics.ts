import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'

/** autovacuum's default rule for analysing a table: 50 rows changed, plus 10 % of its rows. */
const CHANGED_ROWS_BASE = 50
const CHANGED_ROWS_SHARE = 0.1

/**
 * On PostgreSQL, analyses the tables of the current schema that autovacuum does not look after
 * (`autovacuum = off` on the server, or `autovacuum_enabled = false` on the table) once they have
 * changed by autovacuum's own default threshold since their last analysis (50 rows plus 10 %, so
 * a growing table is analysed a number of times that grows with the logarithm of its size);
 * answers the tables it analysed.
 *
 * Why the BFF does what is the server's job: each connection runs the BFF's statements as named
 * prepared statements (named-statements.ts), and after five executions PostgreSQL keeps one
 * generic plan per statement until a table's statistics change. A plan made while the tables
 * were empty can take any index that matches: on a fresh database the payment parameters'
 * update (`order_no = $4 and status = $5 …`) and the open-order count went through
 * `orders_status_next_check`, reading every pending order on each create, more with every order
 * (docs/performance.md, part 16). ANALYZE gives the planner statistics and makes every connection
 * plan those statements again, for the size the table has then. With autovacuum on, its own
 * analyses do this and this does nothing. PostgreSQL counts a backend's changes when it is idle,
 * up to ten seconds late, so a table is analysed that much after it crossed the threshold.
 */
export async function analyzeStaleTables(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`
    select s.relname
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
      and not (
        current_setting('autovacuum')::boolean
        and coalesce(
          (select o.option_value::boolean
           from pg_options_to_table(c.reloptions) o
           where o.option_name = 'autovacuum_enabled'),
          true
        )
      )
      and s.n_mod_since_analyze >= ${CHANGED_ROWS_BASE} + ${CHANGED_ROWS_SHARE} * greatest(c.reltuples, 0)
    order by s.relname
  `.execute(db)
  const analysed: string[] = []
  for (const { relname } of rows) {
    await sql`analyze ${sql.table(relname)}`.execute(db)
    analysed.push(relname)
  }
  return analysed
}
