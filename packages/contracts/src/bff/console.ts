import * as z from 'zod'

import { channelSchema } from '../channel'
import { plainText } from '../plain-text'
import { NOTIFICATION_OUTCOMES, TRANSITION_SOURCES, orderEventSchema } from './order-event'

/** `POST /api/admin/session` body: the admin token, exchanged for a cookie session. */
export const consoleLoginRequestSchema = z.strictObject({
  token: z.string({ error: 'must be a string' }).min(1).max(1024),
})

/** A console login request. */
export type ConsoleLoginRequest = z.infer<typeof consoleLoginRequestSchema>

/** `POST` / `GET /api/admin/session` answer: the cookie session and when it ends (ISO 8601). */
export const consoleSessionSchema = z.object({ expires_at: z.string() })

/** A console session as the console sees it (the token stays in an HttpOnly cookie). */
export type ConsoleSession = z.infer<typeof consoleSessionSchema>

/** One timeline entry with its id (the cursor of the next page) and time. */
export const timelineEntrySchema = z.intersection(
  z.object({ id: z.number().int(), at: z.string() }),
  orderEventSchema,
)

/** One timeline entry with its id. */
export type TimelineEntry = z.infer<typeof timelineEntrySchema>

/** `GET /api/admin/orders/:order_no/events` answer: one page of the timeline, oldest first. */
export const timelinePageSchema = z.object({
  events: z.array(timelineEntrySchema),
  /** Pass as `after` for the next page; null on the last page. */
  next_after: z.number().int().nullable(),
  total: z.number().int(),
})

/** One page of an order's timeline. */
export type TimelinePage = z.infer<typeof timelinePageSchema>

/** `POST /api/admin/orders/:order_no/review` body: an optional note kept on the timeline. */
export const markReviewedRequestSchema = z.strictObject({ note: plainText(200).optional() })

/** A "mark reviewed" request. */
export type MarkReviewedRequest = z.infer<typeof markReviewedRequestSchema>

const count = z.number().int()
const fen = z.number().int()
const milliseconds = z.number().int().nullable()

/** Orders created and paid in one period (paid = a `paid_at` in the period, refunded or not). */
export const periodTotalsSchema = z.object({ created: count, paid: count, paid_amount: fen })

/** Orders created and paid in one period. */
export type PeriodTotals = z.infer<typeof periodTotalsSchema>

/** `GET /api/admin/stats` answer: the 概览 page's numbers. */
export const adminStatsSchema = z.object({
  generated_at: z.string(),
  /** The merchant's offset from UTC that "today" and the days were cut with. */
  utc_offset_minutes: z.number().int(),
  today: periodTotalsSchema,
  last_7_days: periodTotalsSchema,
  /** The last 7 days, oldest first, `date` as YYYY-MM-DD in the merchant's time. */
  days: z.array(periodTotalsSchema.extend({ date: z.string() })),
  /** The last 7 days by channel. */
  channels: z.array(periodTotalsSchema.extend({ channel: channelSchema })),
  /** How the last 7 days' payments were confirmed, and how long after the payment. */
  confirmations: z.object({
    by_source: z.array(z.object({ source: z.enum(TRANSITION_SOURCES), count })),
    p50_ms: milliseconds,
    p95_ms: milliseconds,
    /** How many confirmations the percentiles were computed over. */
    sample: count,
  }),
  /**
   * Notifications stored in the last 7 days. A byte-identical redelivery for an order already
   * settled is acknowledged without being stored, so it is in none of these counts (the BFF's
   * /metrics counts it, `bff_notifications_total{outcome="repeat"}`).
   */
  notifications: z.object({
    received: count,
    /** About an order already settled (the aggregator sent it again). */
    duplicates: count,
    /** Not (yet) confirmed by a Query: no answer, not paid yet, mismatched, unreadable, unknown order. */
    unconfirmed: count,
    by_outcome: z.array(z.object({ outcome: z.enum(NOTIFICATION_OUTCOMES), count })),
  }),
  /** Aggregator calls as this BFF process measured them since it started (not stored). */
  upstream: z.object({
    since: z.string(),
    routes: z.array(
      z.object({
        route: z.string(),
        calls: count,
        errors: count,
        /** Estimated from histogram buckets: the upper bound of the bucket holding the percentile. */
        p50_ms: milliseconds,
        p95_ms: milliseconds,
      }),
    ),
  }),
  /** Orders flagged for review and not yet marked reviewed. */
  needs_review: count,
})

/** The 概览 page's numbers. */
export type AdminStats = z.infer<typeof adminStatsSchema>
