import type { OrderStatus } from '@quickpay/contracts'

import type { Clock } from '../clock'
import { errors } from '../errors/errors'
import type { Repository } from '../store/repository'
import type { CoalescingOrderConfirmer } from './order-confirmer'

/** What became of a notification, stored on its row and counted in the metrics. */
export type NotificationOutcome =
  | 'paid'
  | 'failed'
  | 'already_settled'
  | 'mismatch'
  | 'unknown_order'
  | 'not_confirmed'
  | 'query_failed'
  | 'unreadable'
  | 'not_durable'

/** What receiving a notification needs. */
export interface ReceiveNotificationDeps {
  repository: Repository
  confirmer: CoalescingOrderConfirmer
  clock: Clock
  /** Called once per notification with its outcome (metrics). */
  onOutcome?: (outcome: NotificationOutcome) => void
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
 * Handles one aggregator notification (contract.md §3, R7–R11, S6–S7). The raw body is stored
 * first; the body is never trusted: the order is settled through the confirmer's coalesced Query.
 * Resolves with the outcome when the aggregator may stop retrying (the answer is then `SUCCESS`):
 * the order is settled in the database (paid, failed, or already settled), the payment was
 * refused for review (mismatch, alert recorded), or the order number is not one of ours. Throws
 * (non-SUCCESS answer, so the aggregator retries) when the order is not confirmed paid or failed
 * yet, when the Query failed, or when the database cannot record the outcome.
 *
 * When the database alone decides (unreadable, not ours, already settled: the aggregator retries
 * and duplicates most notifications) the raw body, its outcome and the timeline event are written
 * in the one transaction that read the order; otherwise the raw body is committed before the
 * Query and the outcome with its event in one more transaction after it.
 */
export async function receiveNotification(
  deps: ReceiveNotificationDeps,
  input: { rawBody: string; contentType: string | null },
): Promise<NotificationOutcome> {
  const orderNo = notificationOrderNo(input.rawBody) ?? null
  const receivedAt = deps.clock.now()
  const stored = await deps.repository.transaction(async (tx) => {
    const known = await decideLocally(tx, orderNo)
    const id = await tx.insertNotification({
      order_no: orderNo,
      received_at: receivedAt,
      content_type: input.contentType,
      raw_body: input.rawBody,
      outcome: known ?? null,
    })
    if (known !== undefined) await addNotificationEvent(tx, deps.clock, orderNo, id, known)
    return { id, known }
  })
  let outcome = stored.known
  if (outcome === undefined) {
    const confirmed = await confirmUpstream(deps, orderNo ?? '')
    await deps.repository.transaction(async (tx) => {
      await tx.setNotificationOutcome(stored.id, confirmed)
      await addNotificationEvent(tx, deps.clock, orderNo, stored.id, confirmed)
    })
    outcome = confirmed
  }
  deps.onOutcome?.(outcome)
  switch (outcome) {
    case 'unreadable':
      throw errors.notificationUnreadable()
    case 'not_confirmed':
      throw errors.notificationNotConfirmed()
    case 'query_failed':
      throw errors.upstreamUnavailable()
    default:
      return outcome
  }
}

/** Appends the notification to its order's timeline (not for unreadable bodies or foreign orders). */
async function addNotificationEvent(
  repository: Repository,
  clock: Clock,
  orderNo: string | null,
  id: number,
  outcome: NotificationOutcome,
): Promise<void> {
  if (orderNo === null || outcome === 'unknown_order') return
  await repository.addOrderEvent({
    order_no: orderNo,
    at: clock.now(),
    kind: 'notification',
    detail: { notification_id: id, outcome },
  })
}

/** The outcome the database alone decides, or undefined when only a Query can. */
async function decideLocally(
  repository: Repository,
  orderNo: string | null,
): Promise<NotificationOutcome | undefined> {
  if (orderNo === null) return 'unreadable'
  const order = await repository.findOrder(orderNo)
  if (order === undefined) return 'unknown_order'
  if (SETTLED_PAID.includes(order.status)) return 'already_settled'
  return undefined
}

/** Settles the order through the confirmer's coalesced Query; the outcome that follows. */
async function confirmUpstream(
  deps: ReceiveNotificationDeps,
  orderNo: string,
): Promise<NotificationOutcome> {
  const result = await deps.confirmer.confirm(orderNo, 'notification')
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
