import { RESULT_SUCCESS, formatIssues } from '@quickpay/contracts'

import { LiankeBusinessError } from '../errors/lianke-business-error'
import { LiankeHttpError } from '../errors/lianke-http-error'
import { LiankeInvalidResponseError } from '../errors/lianke-invalid-response-error'
import type { LiankeRoute } from '../lianke-routes'
import type { ResolvedClientOptions } from '../resolve-client-options'
import type { AttemptSignals } from './attempt-signals'
import { transportError } from './transport-error'
import type { UpstreamAnswer } from './upstream-post'

type Issues = Parameters<typeof formatIssues>[0]

/** Validates a parsed answer against the route's envelope schema (a zod `safeParse`). */
export type EnvelopeParser<T> = (
  json: unknown,
) => { success: true; data: { data?: T | null | undefined } } | { success: false; error: Issues }

/** One HTTP attempt: what to send where, and how to read the answer. */
export interface Attempt<T> {
  route: LiankeRoute
  orderNo: string | undefined
  body: Record<string, unknown>
  parse: EnvelopeParser<T>
  /** End the attempt: the caller's abort, the overall deadline, the attempt's own timeout. */
  signals: AttemptSignals
}

function envelopeCode(json: unknown): { code: unknown; msg: string | undefined } | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  const { code, msg } = json as { code?: unknown; msg?: unknown }
  return { code, msg: typeof msg === 'string' ? msg : undefined }
}

// undici's `request` sends no User-Agent of its own (fetch sent `node`); a gateway's firewall may
// refuse a request without one, so the SDK names itself.
const JSON_HEADERS = {
  accept: 'application/json',
  'content-type': 'application/json',
  'user-agent': 'quickpay-lianke',
} as const

/** The URL, headers and body of one attempt, after the auth hook (if any) has had its say. */
async function authenticated(
  config: ResolvedClientOptions,
  route: LiankeRoute,
  body: Record<string, unknown>,
): Promise<{ url: URL; headers: Readonly<Record<string, string>>; json: unknown }> {
  const routeUrl = config.routeUrls.get(route) ?? new URL(route, config.baseUrl)
  // Without a hook nothing changes the request: send the validated body and fixed headers as they are.
  if (config.auth === undefined) return { url: routeUrl, headers: JSON_HEADERS, json: body }
  // Each attempt gets a fresh copy so a signing hook never sees its own earlier fields.
  const copy = structuredClone(body)
  const url = new URL(routeUrl)
  const headers = new Headers(JSON_HEADERS)
  await config.auth({ route, url, headers, body: copy })
  // The hook may add query parameters (an access token, say); the route's path stays as it is.
  const sent = new URL(routeUrl)
  sent.search = url.search
  return { url: sent, headers: Object.fromEntries(headers), json: copy }
}

/**
 * Sends one request and returns the envelope's `data`, or throws the one LiankeError that
 * says what went wrong: transport, HTTP status, size, JSON, envelope code or shape.
 */
export async function sendAttempt<T>(
  config: ResolvedClientOptions,
  attempt: Attempt<T>,
): Promise<T> {
  const { route, orderNo, signals } = attempt
  const request = await authenticated(config, route, attempt.body)

  let response: UpstreamAnswer
  let text: string | undefined
  try {
    response = await config.post({
      url: request.url,
      headers: request.headers,
      body: JSON.stringify(request.json),
      signal: signals.signal,
    })
    if (response.status < 200 || response.status > 299) {
      await response.discard()
      throw new LiankeHttpError(`${route} answered HTTP ${response.status}`, {
        route,
        orderNo,
        status: response.status,
      })
    }
    text = await response.text(config.maxResponseBytes)
  } catch (error) {
    if (error instanceof LiankeHttpError) throw error
    throw transportError(error, route, orderNo, signals)
  }

  const details = { route, orderNo, status: response.status }
  if (text === undefined) {
    throw new LiankeInvalidResponseError(
      `${route} answer is larger than ${config.maxResponseBytes} bytes`,
      details,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new LiankeInvalidResponseError(`${route} answer is not JSON`, {
      ...details,
      cause: error,
    })
  }
  const envelope = envelopeCode(json)
  if (envelope === undefined || typeof envelope.code !== 'string' || envelope.code === '') {
    throw new LiankeInvalidResponseError(
      `${route} answer is not a { code, msg, data } envelope`,
      details,
    )
  }
  if (envelope.code !== RESULT_SUCCESS) {
    throw new LiankeBusinessError(
      `${route} refused: ${envelope.code}${envelope.msg === undefined ? '' : ` (${envelope.msg})`}`,
      { ...details, resultCode: envelope.code, upstreamMessage: envelope.msg },
    )
  }
  const parsed = attempt.parse(json)
  if (!parsed.success) {
    throw new LiankeInvalidResponseError(
      `${route} answer has the wrong shape: ${formatIssues(parsed.error)}`,
      { ...details, upstreamMessage: envelope.msg, cause: parsed.error },
    )
  }
  const { data } = parsed.data
  if (data === undefined || data === null) {
    throw new LiankeInvalidResponseError(`${route} answered SUCCESS without data`, {
      ...details,
      upstreamMessage: envelope.msg,
    })
  }
  return data
}
