import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import { QueryTemplate, slot } from './query-template'
import type { IdempotencyRecord } from './records'

/** Stores a key's final answer (slots `status`, `body`, `payerId`, `key`). */
export function answerUpdate(db: Kysely<DatabaseSchema>) {
  return db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      response_status: slot<number>('status'),
      response_body: slot('body'),
    })
    .where('payer_id', '=', slot('payerId'))
    .where('key', '=', slot('key'))
}

/**
 * A key's scope and key as one string, the scope's length first so that no two pairs make one
 * string; the gathered writes of several creates find each key by it.
 */
export function scopedKey(payerId: string, key: string): string {
  return `${payerId.length}:${payerId}${key}`
}

/** The idempotency records' fixed-shape queries, compiled once per database handle. */
export function idempotencyQueries(db: Kysely<DatabaseSchema>) {
  const inFlight = db
    .updateTable('idempotency_keys')
    .where('payer_id', '=', slot('payerId'))
    .where('key', '=', slot('key'))
    .where('state', '=', 'in_flight')
  return {
    insert: new QueryTemplate(
      db
        .insertInto('idempotency_keys')
        .values({
          payer_id: slot('payerId'),
          key: slot('key'),
          request_hash: slot('requestHash'),
          state: slot('state'),
          response_status: slot<number | null>('responseStatus'),
          response_body: slot<string | null>('responseBody'),
          order_no: slot<string | null>('orderNo'),
          created_at: slot<number>('createdAt'),
          expires_at: slot<number>('expiresAt'),
          locked_until: slot<number>('lockedUntil'),
          lock_owner: slot<string | null>('lockOwner'),
        })
        .onConflict((oc) => oc.columns(['payer_id', 'key']).doNothing()),
      [
        'payerId',
        'key',
        'requestHash',
        'state',
        'responseStatus',
        'responseBody',
        'orderNo',
        'createdAt',
        'expiresAt',
        'lockedUntil',
        'lockOwner',
      ],
    ),
    find: new QueryTemplate(
      db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('payer_id', '=', slot('payerId'))
        .where('key', '=', slot('key')),
      ['payerId', 'key'],
    ),
    takeOver: new QueryTemplate(
      inFlight
        .set({ locked_until: slot<number>('lockedUntil'), lock_owner: slot('lockOwner') })
        .where('locked_until', '<=', slot<number>('now')),
      ['lockedUntil', 'lockOwner', 'payerId', 'key', 'now'],
    ),
    complete: new QueryTemplate(answerUpdate(db), ['status', 'body', 'payerId', 'key']),
    release: new QueryTemplate(inFlight.set({ locked_until: slot<number>('now') }), [
      'now',
      'payerId',
      'key',
    ]),
    attach: new QueryTemplate(
      db
        .updateTable('idempotency_keys')
        .set({ order_no: slot('orderNo') })
        .where('payer_id', '=', slot('payerId'))
        .where('key', '=', slot('key')),
      ['orderNo', 'payerId', 'key'],
    ),
    forget: new QueryTemplate(
      db
        .deleteFrom('idempotency_keys')
        .where('payer_id', '=', slot('payerId'))
        .where('key', '=', slot('key'))
        .where('state', '=', 'in_flight'),
      ['payerId', 'key'],
    ),
    deleteExpired: new QueryTemplate(
      db.deleteFrom('idempotency_keys').where('expires_at', '<=', slot<number>('now')),
      ['now'],
    ),
  }
}

/** Idempotency records, one per (scope, key): the scope is the shopper's payer id, or a merchant scope. */
export class IdempotencyStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof idempotencyQueries>,
  ) {}

  /** Inserts a new record unless (payer_id, key) exists; answers whether it did. */
  async insert(record: IdempotencyRecord): Promise<boolean> {
    const result = await this.db.executeQuery(
      this.queries.insert.bind({
        payerId: record.payer_id,
        key: record.key,
        requestHash: record.request_hash,
        state: record.state,
        responseStatus: record.response_status,
        responseBody: record.response_body,
        orderNo: record.order_no,
        createdAt: record.created_at,
        expiresAt: record.expires_at,
        lockedUntil: record.locked_until,
        lockOwner: record.lock_owner,
      }),
    )
    return Number(result.numAffectedRows ?? 0n) > 0
  }

  /** The record for (payerId, key), expired or not. */
  async find(payerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.db.executeQuery(this.queries.find.bind({ payerId, key }))
    const row = rows[0]
    if (row === undefined) return undefined
    return {
      ...row,
      state: row.state as IdempotencyRecord['state'],
      created_at: Number(row.created_at),
      expires_at: Number(row.expires_at),
      locked_until: Number(row.locked_until),
    }
  }

  /** Takes over an `in_flight` record whose lock expired at `now`; answers whether this call won. */
  async takeOver(
    payerId: string,
    key: string,
    now: number,
    lock: { until: number; owner: string },
  ): Promise<boolean> {
    const result = await this.db.executeQuery(
      this.queries.takeOver.bind({
        payerId,
        key,
        now,
        lockedUntil: lock.until,
        lockOwner: lock.owner,
      }),
    )
    return Number(result.numAffectedRows ?? 0n) > 0
  }

  /** Stores the final answer of a key (`done`) so it is replayed byte for byte. */
  async complete(
    payerId: string,
    key: string,
    answer: { status: number; body: string },
  ): Promise<void> {
    await this.db.executeQuery(this.queries.complete.bind({ ...answer, payerId, key }))
  }

  /**
   * Gives back the in-flight keys held by earlier lives of the instance named `instanceName`
   * (owners `<instanceName>#<boot>` other than `currentOwner`): that process died mid-request,
   * and no live instance shares its name. A retry with such a key continues at once instead of
   * waiting out the lock. Answers how many were given back.
   */
  async releaseEarlierLives(
    instanceName: string,
    currentOwner: string,
    now: number,
  ): Promise<number> {
    const prefix = `${instanceName}#`
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ locked_until: now })
      .where('state', '=', 'in_flight')
      .where('locked_until', '>', now)
      // substr, not LIKE: a name may hold LIKE's wildcards, and both databases spell substr alike.
      .where(sql<string>`substr(lock_owner, 1, ${prefix.length})`, '=', prefix)
      .where('lock_owner', '!=', currentOwner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** Gives an `in_flight` key back (its lock expires at `now`) so a retry with it can continue. */
  async release(payerId: string, key: string, now: number): Promise<void> {
    await this.db.executeQuery(this.queries.release.bind({ payerId, key, now }))
  }

  /** Records the order a key's request created, so a retry after a crash continues that order. */
  async attach(payerId: string, key: string, orderNo: string): Promise<void> {
    await this.db.executeQuery(this.queries.attach.bind({ payerId, key, orderNo }))
  }

  /** Deletes an `in_flight` record whose request changed nothing, so the key is as good as unused. */
  async forget(payerId: string, key: string): Promise<void> {
    await this.db.executeQuery(this.queries.forget.bind({ payerId, key }))
  }

  /** Replaces a record whose `expires_at` passed (its key may be reused as new); answers whether it did. */
  async replaceExpired(record: IdempotencyRecord, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set(record)
      .where('payer_id', '=', record.payer_id)
      .where('key', '=', record.key)
      .where('expires_at', '<=', now)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Deletes records past `expires_at`; answers how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.db.executeQuery(this.queries.deleteExpired.bind({ now }))
    return Number(result.numAffectedRows ?? 0n)
  }
}
