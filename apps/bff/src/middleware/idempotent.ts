import type { Context, Middleware } from 'koa'

import type { AppState } from '../app-state'
import { errorBody } from '../errors/error-body'
import { errors } from '../errors/errors'
import { StoredAnswerFound, type StoredAnswer } from '../services/idempotency-claim'
import type { Repository, Transaction } from '../store/repository'
import { toAppError } from './error-boundary'

/** The Idempotency-Key rule: 1–255 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,255}$/

type RouteContext = Context & { state: AppState }

/** How one route uses Idempotency-Key. */
export interface IdempotentOptions {
  /** A missing key is IDEMPOTENCY_KEY_REQUIRED (else the request runs without one). */
  required: boolean
  /** Whose keys these are: the shopper's payer id, or a merchant scope. */
  scope(ctx: RouteContext): string
  /**
   * The hash of the request as the handler will read it; undefined when the request is invalid,
   * so it runs without touching the key (its 400 does not use the key up).
   */
  fingerprint(ctx: RouteContext): string | undefined
  /** Whether an answer (a status, and the error code of an error) is final: stored and replayed. */
  isFinal(status: number, code?: string): boolean
  /**
   * The handler claims the key in its own first write (`IdempotencyClaim.unclaimed`), which saves
   * the claim a statement (and a commit) of its own; otherwise the middleware claims it before the
   * handler runs. Until the handler has claimed it, the key is not touched on the way out, except
   * to claim it for a final answer.
   */
  claimInHandler?: boolean
}

/** What the claim found: a stored answer to replay, or the key is this request's now. */
type Claim =
  { kind: 'replay'; status: number; body: string } | { kind: 'run'; resource: string | null }

/** A claim attempt: who asks, with which request, when, and how long a lock and a key last. */
interface ClaimRequest {
  scope: string
  key: string
  hash: string
  now: number
  lockMs: number
  ttlMs: number
  lockOwner: string
}

/** The key's row as a new claim writes it: in flight, locked by this process life. */
function claimedRecord(request: ClaimRequest) {
  return {
    payer_id: request.scope,
    key: request.key,
    request_hash: request.hash,
    state: 'in_flight' as const,
    response_status: null,
    response_body: null,
    order_no: null,
    created_at: request.now,
    expires_at: request.now + request.ttlMs,
    locked_until: request.now + request.lockMs,
    lock_owner: request.lockOwner,
  }
}

/**
 * Claims a key that the insert of `record` outside a transaction found taken (or that went
 * meanwhile).
 */
async function claim(
  tx: Transaction,
  request: ClaimRequest,
  record: ReturnType<typeof claimedRecord>,
): Promise<Claim> {
  const { scope, key, hash, now } = request
  const lockedUntil = record.locked_until
  // It may have been forgotten since the first insert: then this one claims it.
  if (await tx.idempotency.insert(record)) return { kind: 'run', resource: null }
  const existing = await tx.idempotency.find(scope, key)
  // Gone between the two statements (its request changed nothing and forgot it): ask for a retry.
  if (existing === undefined) throw errors.idempotencyKeyInFlight(1)
  if (existing.expires_at <= now) {
    if (!(await tx.idempotency.replaceExpired(record, now))) throw errors.idempotencyKeyInFlight(1)
    return { kind: 'run', resource: null }
  }
  if (existing.request_hash !== hash) throw errors.idempotencyKeyReused()
  if (existing.state === 'done') {
    return {
      kind: 'replay',
      status: existing.response_status ?? 500,
      body: existing.response_body ?? '',
    }
  }
  // A short Retry-After: the lock bounds a crashed holder, while a live one usually finishes
  // in milliseconds, and the retry then replays its answer.
  if (existing.locked_until > now) throw errors.idempotencyKeyInFlight(1)
  // Its lock expired (released, or its process died): continue what it started.
  if (
    !(await tx.idempotency.takeOver(scope, key, now, {
      until: lockedUntil,
      owner: request.lockOwner,
    }))
  ) {
    throw errors.idempotencyKeyInFlight(1)
  }
  return { kind: 'run', resource: existing.order_no }
}

/**
 * Idempotent requests, the way payment APIs keep them server-side: the first request with a key
 * claims it (locked for `lockMs`); a final answer is stored and replayed byte for byte to every
 * retry with the same key and request for `ttlMs`; the same key with another request is 422, and
 * a retry while the first runs is 409 with Retry-After. An answer that is not final gives the key
 * back: released if the handler attached a resource to it (a retry continues that resource, e.g.
 * the same order with the same order_no), forgotten otherwise. The handler reads
 * `ctx.state.idempotency` (`IdempotencyClaim`: the key, and through `claim()` the resource a dead
 * or failed attempt left).
 */
export function idempotent(
  deps: {
    repository: Repository
    clock: { now(): number }
    lockMs: number
    ttlMs: number
    /** This process life (`<INSTANCE_NAME>#<boot>`), recorded with each lock it takes. */
    instanceOwner: string
  },
  options: IdempotentOptions,
): Middleware<AppState> {
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key')
    if (key === '' && !options.required) {
      await next()
      return
    }
    if (!KEY.test(key)) {
      throw options.required
        ? errors.idempotencyKeyRequired()
        : errors.invalidField('Idempotency-Key', 'must be 1-255 visible ASCII characters')
    }
    const hash = options.fingerprint(ctx)
    if (hash === undefined) {
      await next()
      return
    }
    const scope = options.scope(ctx)
    const { repository, clock } = deps
    const request: ClaimRequest = {
      scope,
      key,
      hash,
      now: clock.now(),
      lockMs: deps.lockMs,
      ttlMs: deps.ttlMs,
      lockOwner: deps.instanceOwner,
    }
    const record = claimedRecord(request)
    // Whether this request holds the key: only then may it store an answer on it or give it back.
    let claimed = false
    let resource: string | null = null
    // Most keys are new: one insert, committed on its own (it does nothing when the key exists),
    // claims them: one statement, no transaction around it (no BEGIN and COMMIT round trips on
    // PostgreSQL, no savepoint on SQLite). Only a taken key is read, in a transaction.
    const claimKey = async (): Promise<Claim> => {
      const found: Claim = (await repository.idempotency.insert(record))
        ? { kind: 'run', resource: null }
        : await repository.transaction((tx) => claim(tx, request, record))
      if (found.kind === 'run') {
        claimed = true
        resource = found.resource
      }
      return found
    }
    const replay = (answer: StoredAnswer): void => {
      ctx.status = answer.status
      ctx.type = 'application/json'
      ctx.body = answer.body
    }
    if (!options.claimInHandler) {
      const found = await claimKey()
      if (found.kind === 'replay') {
        replay(found)
        return
      }
    }
    // An answer the handler stored in its own transaction (see IdempotencyClaim.storeAnswer).
    let storedByHandler: StoredAnswer | undefined
    ctx.state.idempotency = {
      scope,
      key,
      unclaimed: () => (claimed ? null : record),
      claimedInWrite() {
        claimed = true
      },
      async claim() {
        if (claimed) return resource
        const found = await claimKey()
        if (found.kind === 'replay') throw new StoredAnswerFound(found)
        return resource
      },
      async storeAnswer(tx, answer) {
        await tx.idempotency.complete(scope, key, answer)
        storedByHandler = answer
      },
      answered(answer) {
        storedByHandler = answer
      },
    }
    /** Stores a final answer (claiming the key first if the handler had not); false on a replay. */
    const storeFinal = async (answer: StoredAnswer): Promise<boolean> => {
      if (!claimed) {
        const found = await claimKey()
        if (found.kind === 'replay') {
          replay(found)
          return false
        }
      }
      await repository.idempotency.complete(scope, key, answer)
      return true
    }
    /** Gives a held key back after an answer that is not final. */
    const giveBack = async (): Promise<void> => {
      if (!claimed) return
      const held = await repository.idempotency.find(scope, key)
      if (held?.order_no === null) await repository.idempotency.forget(scope, key)
      else await repository.idempotency.release(scope, key, clock.now())
    }
    try {
      await next()
    } catch (error) {
      if (error instanceof StoredAnswerFound) {
        replay(error.answer)
        return
      }
      const appError = toAppError(error)
      if (!options.isFinal(appError.status, appError.code)) {
        await giveBack().catch(() => undefined)
        throw error
      }
      // A final error is an answer like any other: stored and sent as it will be replayed (not
      // logged as a failure: a refusal's cause may echo request data).
      const answer = { status: appError.status, body: errorBody(appError, ctx.state.requestId) }
      if (await storeFinal(answer)) replay(answer)
      return
    }
    if (storedByHandler !== undefined) {
      // Committed with the handler's transaction (it returned, so that transaction committed).
      replay(storedByHandler)
      return
    }
    if (!options.isFinal(ctx.status)) {
      await giveBack()
      return
    }
    const answer = { status: ctx.status, body: JSON.stringify(ctx.body) }
    if (await storeFinal(answer)) replay(answer)
  }
}
