import { randomBytes } from 'node:crypto'

import type { Env } from '../env'
import { describeFetchError } from './describe-fetch-error'
import { line, type DoctorCheck } from './doctor-check'
import type { ResolvedDoctorDeps } from './doctor-deps'

const SETTINGS = ['PUBLIC_BASE_URL', 'NOTIFY_SECRET', 'NOTIFY_ACK'] as const

/** The notify URL the BFF hands the aggregator (see src/routes/order-routes.ts), for a given secret. */
function notifyUrl(env: Env, secret: string): string {
  return `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/notify/lianke/${secret}`
}

/** Posts `body` to `url` without following redirects; the status and the exact text, or why it failed. */
async function post(
  deps: ResolvedDoctorDeps,
  url: string,
  body: string,
): Promise<{ status: number; text: string } | { error: string }> {
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    })
    return { status: response.status, text: await response.text() }
  } catch (error) {
    return { error: describeFetchError(error, deps.timeoutMs) }
  }
}

/**
 * Calls the notify URL through PUBLIC_BASE_URL, as the aggregator will, with the order number
 * `DOCTOR-PROBE-…`, which can never be an order of ours (ours are `Q` + 24 characters). The BFF
 * answers such a notification with the acknowledgement and changes no order and asks nothing
 * upstream (src/services/receive-notification.ts: outcome `unknown_order`); it does keep the
 * notification's row, as it keeps every notification, and counts it in
 * `bff_notifications_total{outcome="unknown_order"}`. A second call with a made-up secret must
 * answer 404 (nothing read or written), or something in front of the BFF acknowledges everything.
 */
export async function checkNotifyUrl(env: Env, deps: ResolvedDoctorDeps): Promise<DoctorCheck> {
  const shown = notifyUrl(env, '<NOTIFY_SECRET>')
  const probe = JSON.stringify({ order_no: `DOCTOR-PROBE-${randomBytes(6).toString('hex')}` })
  const answer = await post(deps, notifyUrl(env, env.NOTIFY_SECRET), probe)
  if ('error' in answer) {
    return line(
      'notify-url',
      SETTINGS,
      'fail',
      `POST ${shown}: ${answer.error}.`,
      'Make PUBLIC_BASE_URL reach this BFF: start it, and have your proxy pass /notify/ to it (deploy/nginx/quickpay.conf).',
    )
  }
  if (answer.status >= 300 && answer.status < 400) {
    return line(
      'notify-url',
      SETTINGS,
      'fail',
      `POST ${shown} is redirected (HTTP ${answer.status}); the aggregator does not follow redirects.`,
      'Set PUBLIC_BASE_URL to the final address (usually the https one).',
    )
  }
  if (answer.status === 404) {
    return line(
      'notify-url',
      SETTINGS,
      'fail',
      `POST ${shown} answers 404: the BFF behind PUBLIC_BASE_URL does not know this NOTIFY_SECRET, or the proxy does not pass /notify/.`,
      'Give the doctor and the BFF the same NOTIFY_SECRET, and route /notify/ to the BFF in the proxy.',
    )
  }
  if (answer.status !== 200 || answer.text !== env.NOTIFY_ACK) {
    return line(
      'notify-url',
      SETTINGS,
      'fail',
      `POST ${shown} answered HTTP ${answer.status} with ${JSON.stringify(answer.text.slice(0, 40))}, not exactly ${JSON.stringify(env.NOTIFY_ACK)}; the aggregator would keep retrying.`,
      'Check that PUBLIC_BASE_URL reaches this BFF and that nothing in front of it rewrites the answer.',
    )
  }
  const stranger = await post(deps, notifyUrl(env, randomBytes(18).toString('base64url')), probe)
  if (!('error' in stranger) && stranger.status !== 404) {
    return line(
      'notify-url',
      SETTINGS,
      'fail',
      `A made-up notify secret answers HTTP ${stranger.status}, not 404: something in front of the BFF answers every path.`,
      'Route /notify/ to the BFF unchanged, without a catch-all answer in the proxy.',
    )
  }
  return line(
    'notify-url',
    SETTINGS,
    'ok',
    `POST ${shown} answers exactly ${JSON.stringify(env.NOTIFY_ACK)}; a wrong secret answers 404.`,
  )
}
