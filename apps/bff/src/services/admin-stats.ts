import {
  CHANNELS,
  NOTIFICATION_OUTCOMES,
  TRANSITION_SOURCES,
  type AdminStats,
  type PeriodTotals,
  type TransitionSource,
} from '@quickpay/contracts'
import type { Registry } from 'prom-client'

import type { Clock } from '../clock'
import type { Repository } from '../store/repository'
import { upstreamLatency } from './upstream-latency'

const DAY_MS = 86_400_000
const DAYS = 7
/** Percentiles of time-to-confirm are taken over at most this many of the latest confirmations. */
const CONFIRMATION_SAMPLE = 20_000
/** Outcomes that settled what the notification announced (or found it already settled). */
const SETTLED_OUTCOMES = new Set(['paid', 'failed', 'already_settled'])

/** What the overview needs. */
export interface AdminStatsDeps {
  repository: Repository
  clock: Clock
  registry: Registry
}

const zero = (): PeriodTotals => ({ created: 0, paid: 0, paid_amount: 0 })

/** The value at `share` of sorted `values` (nearest rank), or null when there are none. */
function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? null
}

function sourceOf(detail: string): TransitionSource | undefined {
  try {
    const source = (JSON.parse(detail) as { source?: unknown }).source
    return TRANSITION_SOURCES.find((known) => known === source)
  } catch {
    return undefined
  }
}

/**
 * The 概览 numbers: today's and the last 7 days' orders created and paid (count, fen), per day
 * and per channel, cut at midnight `utcOffsetMinutes` east of UTC; what confirmed the payments
 * (the `source` of their `transition` to paid) and how long after the aggregator's payment time
 * (p50/p95); notifications by outcome; the aggregator's latency as this process measured it; and
 * how many orders wait for review.
 */
export async function adminStats(
  deps: AdminStatsDeps,
  utcOffsetMinutes: number,
): Promise<AdminStats> {
  const offsetMs = utcOffsetMinutes * 60_000
  const now = deps.clock.now()
  const today = Math.floor((now + offsetMs) / DAY_MS)
  const firstDay = today - (DAYS - 1)
  const from = firstDay * DAY_MS - offsetMs
  const to = (today + 1) * DAY_MS - offsetMs
  const stats = deps.repository.stats
  const [created, paid, confirmations, notifications, needsReview, upstream] = await Promise.all([
    stats.totalsByDayAndChannel('created_at', from, to, offsetMs),
    stats.totalsByDayAndChannel('paid_at', from, to, offsetMs),
    stats.paidTransitions(from, to, CONFIRMATION_SAMPLE),
    stats.notificationOutcomes(from, to),
    stats.countNeedsReview(),
    upstreamLatency(deps.registry),
  ])

  const days = new Map<number, PeriodTotals>()
  for (let day = firstDay; day <= today; day += 1) days.set(day, zero())
  const channels = new Map(CHANNELS.map((channel) => [channel, zero()]))
  for (const row of created) {
    const day = days.get(row.day)
    if (day !== undefined) day.created += row.count
    const channel = channels.get(row.channel as (typeof CHANNELS)[number])
    if (channel !== undefined) channel.created += row.count
  }
  for (const row of paid) {
    const day = days.get(row.day)
    if (day !== undefined) {
      day.paid += row.count
      day.paid_amount += row.amount
    }
    const channel = channels.get(row.channel as (typeof CHANNELS)[number])
    if (channel !== undefined) {
      channel.paid += row.count
      channel.paid_amount += row.amount
    }
  }
  const week = [...days.values()].reduce(
    (sum, day) => ({
      created: sum.created + day.created,
      paid: sum.paid + day.paid,
      paid_amount: sum.paid_amount + day.paid_amount,
    }),
    zero(),
  )

  const bySource = new Map<TransitionSource, number>()
  const durations: number[] = []
  for (const row of confirmations) {
    const source = sourceOf(row.detail)
    if (source !== undefined) bySource.set(source, (bySource.get(source) ?? 0) + 1)
    // The aggregator's payment time has whole seconds and another clock: never below zero.
    durations.push(Math.max(0, row.at - (row.paid_at ?? row.created_at)))
  }
  durations.sort((a, b) => a - b)

  const received = notifications.reduce((sum, row) => sum + row.count, 0)
  const outcomeCount = (outcome: string) =>
    notifications.find((row) => row.outcome === outcome)?.count ?? 0

  return {
    generated_at: new Date(now).toISOString(),
    utc_offset_minutes: utcOffsetMinutes,
    today: days.get(today) ?? zero(),
    last_7_days: week,
    days: [...days].map(([day, totals]) => ({
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      ...totals,
    })),
    channels: [...channels].map(([channel, totals]) => ({ channel, ...totals })),
    confirmations: {
      by_source: [...bySource].map(([source, count]) => ({ source, count })),
      p50_ms: percentile(durations, 0.5),
      p95_ms: percentile(durations, 0.95),
      sample: durations.length,
    },
    notifications: {
      received,
      duplicates: outcomeCount('already_settled'),
      unconfirmed: notifications
        .filter((row) => row.outcome === null || !SETTLED_OUTCOMES.has(row.outcome))
        .reduce((sum, row) => sum + row.count, 0),
      by_outcome: NOTIFICATION_OUTCOMES.map((outcome) => ({
        outcome,
        count: outcomeCount(outcome),
      })).filter((row) => row.count > 0),
    },
    upstream: {
      since: new Date(Date.now() - process.uptime() * 1000).toISOString(),
      routes: upstream,
    },
    needs_review: needsReview,
  }
}
