import { randomBytes } from 'node:crypto'

import { createLiankeClient, isLiankeError } from '@quickpay/lianke'

import type { Env } from '../env'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'

const STORE_REFUSED = /STORE|门店|商户/i

/** The SDK's codes for an answer in the aggregator's envelope (a refusal), as opposed to no answer. */
const REFUSALS = new Set(['BUSINESS', 'ORDER_EXISTS', 'ORDER_NOT_FOUND', 'REFUND_NOT_FOUND'])

/**
 * The aggregator, asked `QuickPay/Query` for an order number that cannot exist (ours are `Q` +
 * 24 characters; this one starts with `DOCTOR`), through the SDK with one attempt: a reachable
 * aggregator answers in its `{ code, msg, data }` envelope (the SDK checks the shape), and with a
 * store number it accepts, the refusal is about the order, not the store. Nothing is created.
 */
export async function checkAggregator(env: Env, deps: ResolvedDoctorDeps): Promise<DoctorCheck[]> {
  const client = createLiankeClient({
    baseUrl: env.LIANKE_BASE_URL,
    storeNo: env.LIANKE_STORE_NO,
    timeoutMs: deps.timeoutMs,
    deadlineMs: deps.timeoutMs,
    retry: { limit: 0 },
    fetch: deps.fetch,
  })
  const orderNo = `DOCTOR${randomBytes(8).toString('hex').toUpperCase()}`
  const base = ['LIANKE_BASE_URL'] as const
  const store = ['LIANKE_STORE_NO'] as const
  try {
    await client.query({ order_no: orderNo })
    return [
      line(
        'aggregator',
        base,
        'ok',
        `${env.LIANKE_BASE_URL} answers QuickPay/Query in its envelope.`,
      ),
      line(
        'aggregator-store',
        store,
        'unknown',
        `the aggregator claims to know the made-up order ${orderNo}; the store number could not be told apart.`,
        'Ask Lianke about this answer.',
      ),
    ]
  } catch (error) {
    if (!isLiankeError(error)) throw error
    if (!REFUSALS.has(error.code)) {
      const why =
        error.code === 'INVALID_RESPONSE'
          ? 'the answer is not the documented { code, msg, data } envelope'
          : error.code === 'HTTP_STATUS'
            ? `HTTP ${error.status ?? '?'}`
            : error.code === 'TIMEOUT'
              ? `no answer within ${deps.timeoutMs} ms`
              : 'it cannot be reached'
      return [
        line(
          'aggregator',
          base,
          'fail',
          `QuickPay/Query at ${env.LIANKE_BASE_URL}: ${why}.`,
          'Set LIANKE_BASE_URL to the aggregator’s base URL as Lianke gave it (ending in /), and allow the BFF outgoing https to it.',
        ),
        line(
          'aggregator-store',
          store,
          'unknown',
          'not checked: the aggregator did not answer (see aggregator).',
        ),
      ]
    }
    const said = `${error.resultCode ?? ''} ${error.upstreamMessage ?? ''}`.trim()
    const reachable = line(
      'aggregator',
      base,
      'ok',
      `${env.LIANKE_BASE_URL} answers QuickPay/Query in its envelope.`,
    )
    // The SDK reads "does not exist" about a store or merchant as a plain refusal, not as this.
    if (error.code === 'ORDER_NOT_FOUND') {
      return [
        reachable,
        line(
          'aggregator-store',
          store,
          'ok',
          `store ${env.LIANKE_STORE_NO} is accepted (a made-up order is refused as ${error.resultCode ?? 'unknown'}).`,
        ),
      ]
    }
    if (STORE_REFUSED.test(said)) {
      return [
        reachable,
        line(
          'aggregator-store',
          store,
          'fail',
          `the aggregator refused store ${env.LIANKE_STORE_NO} (${said}).`,
          'Copy the store number (门店编号) Lianke gave you into LIANKE_STORE_NO.',
        ),
      ]
    }
    return [
      reachable,
      line(
        'aggregator-store',
        store,
        'unknown',
        `the aggregator answered ${said}, which the doctor does not know.`,
        'Ask Lianke what this code means for Query.',
      ),
    ]
  }
}
