import type { Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { QueryTemplate, slot } from './query-template'

/** The console sessions' fixed-shape queries, compiled once per database handle. */
export function consoleSessionQueries(db: Kysely<DatabaseSchema>) {
  return {
    find: new QueryTemplate(
      db
        .selectFrom('console_sessions')
        .select('expires_at')
        .where('token_hash', '=', slot('tokenHash'))
        .where('expires_at', '>', slot<number>('now')),
      ['tokenHash', 'now'],
    ),
    delete: new QueryTemplate(
      db.deleteFrom('console_sessions').where('token_hash', '=', slot('tokenHash')),
      ['tokenHash'],
    ),
    deleteExpired: new QueryTemplate(
      db.deleteFrom('console_sessions').where('expires_at', '<=', slot<number>('now')),
      ['now'],
    ),
  }
}

/** Merchant console sessions, kept under a keyed hash of their cookie token. */
export class ConsoleSessionStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof consoleSessionQueries>,
  ) {}

  /** Stores a new session. */
  async insert(session: { token_hash: string; created_at: number; expires_at: number }) {
    await this.db.insertInto('console_sessions').values(session).execute()
  }

  /** When the session with this hash expires, if it exists and has not expired at `now`. */
  async findExpiry(tokenHash: string, now: number): Promise<number | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.find.bind({ tokenHash, now }))
    return rows[0] === undefined ? undefined : Number(rows[0].expires_at)
  }

  /** Deletes one session (logout); answers whether it existed. */
  async delete(tokenHash: string): Promise<boolean> {
    const result = await this.db.executeQuery(this.queries.delete.bind({ tokenHash }))
    return Number(result.numAffectedRows ?? 0n) > 0
  }

  /** Deletes sessions expired at `now`; answers how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.db.executeQuery(this.queries.deleteExpired.bind({ now }))
    return Number(result.numAffectedRows ?? 0n)
  }
}
