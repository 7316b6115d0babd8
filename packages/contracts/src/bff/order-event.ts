import * as z from 'zod'

import { paymentOutcomeSchema } from '../payment-outcome'
import { orderStatusSchema } from './order'

/** Who asked the aggregator about an order: a notification, a status poll, the reconciler or the merchant. */
export const CHECK_SOURCES = ['notification', 'poll', 'reconciler', 'admin'] as const

/** Why a Query was made. */
export type CheckSource = (typeof CHECK_SOURCES)[number]

/** What moved an order's status: a Query (with its reason), a refund, the shopper, or the payment request. */
export const TRANSITION_SOURCES = [
  ...CHECK_SOURCES,
  'refund',
  'shopper',
  'payment_request',
] as const

/** What moved an order's status. */
export type TransitionSource = (typeof TRANSITION_SOURCES)[number]

/** What became of a notification, stored on its row, its timeline event and counted in the metrics. */
export const NOTIFICATION_OUTCOMES = [
  'paid',
  'failed',
  'already_settled',
  'mismatch',
  'unknown_order',
  'not_confirmed',
  'query_failed',
  'unreadable',
  'not_durable',
] as const

/** What became of a notification. */
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number]

const fen = z.number().int()
const nullableText = z.string().nullable()
const nullableFen = fen.nullable()

/** Why an aggregator call failed, as the timeline keeps it: codes and numbers, never the buyer. */
const upstreamFailureSchema = z.object({
  error: z.string(),
  result_code: nullableText.optional(),
  upstream_message: nullableText.optional(),
  http_status: z.number().int().nullable().optional(),
  attempts: z.number().int().optional(),
  transaction_status: z.string().optional(),
  amount_matches: z.boolean().optional(),
  attach_matches: z.boolean().optional(),
})

/** A failed call as the timeline keeps it: our code for the failure and the aggregator's, if any. */
const callErrorSchema = z.object({ error: z.string(), result_code: nullableText })

const event = <Kind extends string, Detail extends z.ZodType>(kind: Kind, detail: Detail) =>
  z.object({ kind: z.literal(kind), detail })

const empty = z.object({})

/**
 * One entry of an order's timeline, told apart by `kind`. Exactly one `transition` is written with
 * every status change (in the same transaction); the other kinds record what was asked, answered,
 * claimed or flagged and never change the status.
 */
export const orderEventSchema = z.discriminatedUnion('kind', [
  event('created', z.object({ amount: fen, lines: z.number().int() })),
  event('create_resumed', empty),
  event('upstream_created', empty),
  event('upstream_rejected', upstreamFailureSchema),
  event('upstream_unknown', upstreamFailureSchema),
  event('upstream_unavailable', upstreamFailureSchema),
  event('payment_reissued', empty),
  event(
    'transition',
    z.object({
      from: orderStatusSchema,
      to: orderStatusSchema,
      source: z.enum(TRANSITION_SOURCES),
      reason: z.string().optional(),
    }),
  ),
  event('alert', z.object({ reason: z.string() })),
  event(
    'query',
    z.union([
      z.object({
        source: z.enum(CHECK_SOURCES),
        transaction_status: z.string(),
        total_amount: nullableFen,
        cash_amount: nullableFen,
        coupon_amount: nullableFen,
        transaction_no: nullableText,
      }),
      callErrorSchema.extend({ source: z.enum(CHECK_SOURCES) }),
    ]),
  ),
  event(
    'notification',
    z.object({ notification_id: z.number().int(), outcome: z.enum(NOTIFICATION_OUTCOMES) }),
  ),
  event('client_claim', z.object({ outcome: paymentOutcomeSchema, raw: z.string().optional() })),
  event('refund_requested', z.object({ refund_no: z.string(), amount: fen, retry: z.boolean() })),
  event(
    'refunded',
    z.object({ refund_no: z.string(), amount: fen, transaction_status: z.string() }),
  ),
  event(
    'refund_failed',
    z.union([
      z.object({ refund_no: z.string(), amount: fen, transaction_status: z.string() }),
      callErrorSchema.extend({ refund_no: z.string() }),
    ]),
  ),
  event('refund_unknown', callErrorSchema.extend({ refund_no: z.string() })),
  // The merchant looked at a flagged order and cleared its flag; `reason` is the flag it cleared.
  event('reviewed', z.object({ reason: nullableText, note: z.string().optional() })),
])

/** One entry of an order's timeline (without its time). */
export type OrderEvent = z.infer<typeof orderEventSchema>

/** The kinds of timeline entries. */
export type OrderEventKind = OrderEvent['kind']

/** One entry of an order's timeline as the merchant API answers it: the event and when (ISO 8601). */
export const timelineEventSchema = z.intersection(z.object({ at: z.string() }), orderEventSchema)

/** One entry of an order's timeline as the merchant API answers it. */
export type TimelineEvent = z.infer<typeof timelineEventSchema>
