import type { NotificationOutcome, OrderStatus } from '@quickpay/contracts'

import type { Clock } from '../clock'
import type { Repository, Transaction } from '../store/repository'
import type { OrderConfirmer } from './order-confirmer'
import { SettledCopies } from './settled-copies'

/** What receiving a notification needs. */
export interface ReceiveNotificationDeps {
  repository: Repository
  confirmer: OrderConfirmer
  clock: Clock
  /**
   * How long the notification waits for the confirming Query before it is answered
   * `query_failed` (the aggregator then delivers it again). It must end before the aggregator
   * gives up on the delivery; the Query itself goes on and settles the order when it answers.
   */
  queryDeadlineMs: number
  /** The copies already known stored for settled orders (one per app: the notify route's). */
  settledCopies: SettledCopies
}

/** The field names read for the order number, in order of preference (the body is undocumented). */
export const NOTIFICATION_ORDER_FIELDS = ['order_no', 'out_trade_no', 'orderNo'] as const

const ORDER_NO = /^[\x21-\x7e]{1,64}$/

/** Orders whose payment is already settled here: a notification changes nothing on them. */
const SETTLED_PAID: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded']

function pick(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  for (const field of NOTIFICATION_ORDER_FIELDS) {
    const value = (record as Record<string, unknown>)[field]
    if (typeof value === 'string' && ORDER_NO.test(value)) return value
  }
  return undefined
}

/**
 * Reads the order number out of a notification body: JSON (also `{ data: { order_no } }`, as in the
 * aggregator's envelope) or `application/x-www-form-urlencoded`, whatever the content type claims.
 */
export function notificationOrderNo(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      return pick(parsed) ?? pick((parsed as { data?: unknown }).data)
    } catch {
      return undefined
    }
  }
  const form = new URLSearchParams(trimmed)
  return pick(Object.fromEntries(form.entries()))
}

/**
 * What became of a notification: a stored one's outcome, or `repeat` for a byte-for-byte copy of
 * one already stored for an order already settled here, acknowledged without storing it again.
 */
export type ReceivedOutcome = NotificationOutcome | 'repeat'

/**
 * Handles one aggregator notification. The raw body is stored first; the body is never trusted:
 * the order is confirmed through the confirmer's coalesced Query. Answers the outcome: the
 * aggregator should retry after `unreadable`, `not_confirmed` and `query_failed`, and may stop
 * otherwise (settled in the database, refused for review, or not one of our orders). Throws
 * only when the database cannot record it.
 *
 * When the database alone decides (unreadable, not ours, already settled: the aggregator retries
 * and duplicates most notifications) the raw body, its outcome and the timeline event are written
 * in the one transaction that read the order; otherwise the raw body is committed before the
 * Query and the outcome with its event in one more transaction after it.
 *
 * The aggregator redelivers the same bytes until it reads `SUCCESS` (and again after a lost
 * answer). A copy that is already committed, for an order already settled, adds nothing to the
 * ledger: it is answered `repeat` from two reads, with no write, and from memory once this
 * process has read it so (`SettledCopies`; docs/reliability.md).
 */
export async function receiveNotification(
  deps: ReceiveNotificationDeps,
  input: { rawBody: string; contentType: string | null },
): Promise<ReceivedOutcome> {
  // A redelivery remembered as stored for a settled order needs nothing more, not even parsing.
  const copy = SettledCopies.keyOf(input.rawBody)
  if (deps.settledCopies.has(copy)) return 'repeat'
  const orderNo = notificationOrderNo(input.rawBody) ?? null
  const receivedAt = deps.clock.now()
  // Most notifications repeat one for an order already settled here. A settled payment never
  // becomes unsettled (states only move forward), so a committed read outside the transaction
  // (on SQLite the read-only connection, not the writer that group commit serialises) decides
  // it, and the transaction only appends the row and the event.
  const settledBefore = orderNo !== null && (await isSettledPaid(deps.repository, orderNo))
  // Read from committed state too: a copy still inside an open batch is not seen, so it cannot
  // be acknowledged before it is durable (two copies racing are then both stored, as before).
  if (settledBefore && (await deps.repository.notifications.isStored(orderNo, input.rawBody))) {
    deps.settledCopies.remember(copy)
    return 'repeat'
  }
  const stored = await deps.repository.transaction(async (tx) => {
    const known = settledBefore ? 'already_settled' : await decideLocally(tx, orderNo)
    const id = await tx.notifications.insert({
      order_no: orderNo,
      received_at: receivedAt,
      content_type: input.contentType,
      raw_body: input.rawBody,
      outcome: known ?? null,
    })
    if (known !== undefined) await addNotificationEvent(tx, deps.clock, orderNo, id, known)
    return { id, known }
  })
  if (stored.known !== undefined) return stored.known
  const confirmed = await confirmUpstream(deps, orderNo ?? '')
  await deps.repository.transaction(async (tx) => {
    await tx.notifications.setOutcome(stored.id, confirmed)
    await addNotificationEvent(tx, deps.clock, orderNo, stored.id, confirmed)
  })
  return confirmed
}

/** Appends the notification to its order's timeline (not for unreadable bodies or foreign orders). */
async function addNotificationEvent(
  tx: Transaction,
  clock: Clock,
  orderNo: string | null,
  id: number,
  outcome: NotificationOutcome,
): Promise<void> {
  if (orderNo === null || outcome === 'unknown_order') return
  await tx.orders.addEvent(orderNo, clock.now(), {
    kind: 'notification',
    detail: { notification_id: id, outcome },
  })
}

/** Whether the order's payment is settled here, read from committed state. */
async function isSettledPaid(repository: Repository, orderNo: string): Promise<boolean> {
  const status = await repository.orders.statusOf(orderNo)
  return status !== undefined && SETTLED_PAID.includes(status)
}

/** The outcome the database alone decides, or undefined when only a Query can. */
async function decideLocally(
  tx: Transaction,
  orderNo: string | null,
): Promise<NotificationOutcome | undefined> {
  if (orderNo === null) return 'unreadable'
  const status = await tx.orders.statusOf(orderNo)
  if (status === undefined) return 'unknown_order'
  if (SETTLED_PAID.includes(status)) return 'already_settled'
  return undefined
}

/** Settles the order through the confirmer's coalesced Query; the outcome that follows. */
async function confirmUpstream(
  deps: ReceiveNotificationDeps,
  orderNo: string,
): Promise<NotificationOutcome> {
  const confirming = deps.confirmer.confirm(orderNo, 'notification')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.queryDeadlineMs)
  })
  const result = await Promise.race([confirming, late]).finally(() => clearTimeout(timer))
  if (result === 'late') {
    // Nobody awaits the Query any more: its failure must not become an unhandled rejection.
    confirming.catch(() => undefined)
    return 'query_failed'
  }
  switch (result.kind) {
    case 'paid':
      return result.changed ? 'paid' : 'already_settled'
    case 'failed':
      return 'failed'
    case 'mismatch':
      return 'mismatch'
    case 'unknown_order':
      return 'unknown_order'
    case 'unavailable':
      return 'query_failed'
    case 'open':
    case 'absent':
      return 'not_confirmed'
  }
}
