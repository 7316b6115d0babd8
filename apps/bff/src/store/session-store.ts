import type { Kysely } from 'kysely'

import type { Channel } from '@quickpay/contracts'

import type { DatabaseSchema } from './database-schema'
import { QueryTemplate, slot } from './query-template'
import type { SessionRecord } from './records'

/** The sessions' fixed-shape queries, compiled once per database handle. */
export function sessionQueries(db: Kysely<DatabaseSchema>) {
  return {
    find: new QueryTemplate(
      db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', slot('tokenHash'))
        .where('expires_at', '>', slot<number>('now')),
      ['tokenHash', 'now'],
    ),
    deleteExpired: new QueryTemplate(
      db.deleteFrom('sessions').where('expires_at', '<=', slot<number>('now')),
      ['now'],
    ),
  }
}

type SessionRow = Omit<SessionRecord, 'channel' | 'created_at' | 'expires_at'> & {
  channel: string
  created_at: number | string | bigint
  expires_at: number | string | bigint
}

// PostgreSQL answers bigint columns as strings.
function sessionOf(row: SessionRow): SessionRecord {
  return {
    ...row,
    channel: row.channel as Channel,
    created_at: Number(row.created_at),
    expires_at: Number(row.expires_at),
  }
}

/** Shopper sessions, kept under the SHA-256 of their token. */
export class SessionStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof sessionQueries>,
  ) {}

  /** Stores a new session. */
  async insert(session: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute()
  }

  /** The session with this token hash, if it has not expired at `now`. */
  async find(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.find.bind({ tokenHash, now }))
    const row = rows[0]
    return row === undefined ? undefined : sessionOf(row)
  }

  /**
   * The sessions among these token hashes that have not expired at `now`, in one statement (the
   * session cache's confirmations, services/session-confirmer.ts; the caller keeps the list short).
   */
  async findMany(tokenHashes: readonly string[], now: number): Promise<SessionRecord[]> {
    if (tokenHashes.length === 0) return []
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', 'in', tokenHashes)
      .where('expires_at', '>', now)
      .execute()
    return rows.map(sessionOf)
  }

  /** Deletes sessions expired at `now`; answers how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.db.executeQuery(this.queries.deleteExpired.bind({ now }))
    return Number(result.numAffectedRows ?? 0n)
  }
}
