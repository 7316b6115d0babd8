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
 */
export async function receiveNotification(
  deps: ReceiveNotificationDeps,
  input: { rawBody: string; contentType: string | null },
): Promise<NotificationOutcome> {
  const orderNo = notificationOrderNo(input.rawBody) ?? null
  const receivedAt = deps.clock.now()
  const id = await deps.repository.insertNotification({
    order_no: orderNo,
    received_at: receivedAt,
    content_type: input.contentType,
    raw_body: input.rawBody,
    outcome: null,
  })
  const outcome = await decide(deps, orderNo)
  await deps.repository.setNotificationOutcome(id, outcome)
  if (orderNo !== null && outcome !== 'unknown_order') {
    await deps.repository.addOrderEvent({
      order_no: orderNo,
      at: deps.clock.now(),
      kind: 'notification',
      detail: { notification_id: id, outcome },
    })
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

async function decide(
  deps: ReceiveNotificationDeps,
  orderNo: string | null,
): Promise<NotificationOutcome> {
  if (orderNo === null) return 'unreadable'
  const order = await deps.repository.findOrder(orderNo)
  if (order === undefined) return 'unknown_order'
  if (SETTLED_PAID.includes(order.status)) return 'already_settled'
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
