import { CHANNELS, type Channel } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { OrderFilter } from '../store/order-store'

/** An optional integer query parameter in [min, max]; VALIDATION_FAILED names it otherwise. */
export function integerParam(
  value: unknown,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (value === undefined) return fallback
  const text = typeof value === 'string' ? value : ''
  const number = /^-?\d{1,9}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw errors.invalidField(name, `must be an integer from ${range.min} to ${range.max}`)
  }
  return number
}

function channelParam(value: unknown): Channel | undefined {
  if (value === undefined) return undefined
  const found = CHANNELS.find((channel) => channel === value)
  if (found === undefined)
    throw errors.invalidField('channel', `must be one of ${CHANNELS.join(', ')}`)
  return found
}

function timeParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  const time = typeof value === 'string' && value.length <= 40 ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(time)) throw errors.invalidField(name, 'must be an ISO 8601 date-time')
  return time
}

function booleanParam(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw errors.invalidField(name, 'must be true or false')
}

function numberParam(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) {
    throw errors.invalidField(
      'q',
      'must be an order_no or transaction_no (1-64 visible characters)',
    )
  }
  return value
}

/**
 * The order list's optional filters beyond `status`: `channel`, `created_from` / `created_to`
 * (ISO 8601, [from, to)), `q` (an exact order_no or transaction_no) and `needs_review`.
 */
export function orderFilterParams(query: Record<string, unknown>): Omit<OrderFilter, 'status'> {
  const channel = channelParam(query.channel)
  const createdFrom = timeParam(query.created_from, 'created_from')
  const createdTo = timeParam(query.created_to, 'created_to')
  const number = numberParam(query.q)
  const needsReview = booleanParam(query.needs_review, 'needs_review')
  return {
    ...(channel === undefined ? {} : { channel }),
    ...(createdFrom === undefined ? {} : { createdFrom }),
    ...(createdTo === undefined ? {} : { createdTo }),
    ...(number === undefined ? {} : { number }),
    ...(needsReview === undefined ? {} : { needsReview }),
  }
}
