import { randomUUID } from 'node:crypto'

import Sqlite from 'better-sqlite3'
import pg from 'pg'
import type { RunningSimulator } from '@quickpay/simulator'

import { CART } from '../support/orders'

/** An answer as the client saw it. */
export interface Answer {
  status: number
  headers: Headers
  text: string
  json: unknown
}

/** Sends one request to a BFF (`token` adds the Bearer header); network errors reject. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  let body = options.raw
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(30_000),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** A logged-in shopper: the BFF's session token and the openid the simulator knows them by. */
export interface Shopper {
  token: string
  openid: string
}

/** Mints a WeChat mini-program login code for `user` and exchanges it at the BFF for a session. */
export async function login(
  baseUrl: string,
  sim: RunningSimulator,
  user: string,
): Promise<Shopper> {
  const minted = await fetch(`${sim.url}/__sim/login-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'wechat-miniprogram', user }),
  })
  const { code, openid } = (await minted.json()) as { code: string; openid: string }
  const answer = await call(baseUrl, 'POST', '/api/sessions', {
    body: { channel: 'wechat-miniprogram', code },
  })
  if (answer.status !== 201) throw new Error(`login failed: ${answer.status} ${answer.text}`)
  return { token: (answer.json as { token: string }).token, openid }
}

/** `POST /api/orders` with the cart and `key` (a new key by default). */
export function create(
  baseUrl: string,
  token: string,
  key: string = randomUUID(),
): Promise<Answer> {
  return call(baseUrl, 'POST', '/api/orders', {
    token,
    body: CART,
    headers: { 'idempotency-key': key },
  })
}

/** The order_no of a 201 create answer. */
export function orderNoOf(answer: Answer): string {
  return (answer.json as { order: { order_no: string } }).order.order_no
}

/** Pays an order at the simulator's wallet as its payer would (not through the BFF). */
export async function walletPay(sim: RunningSimulator, orderNo: string): Promise<void> {
  const order = sim.state.findOrder(orderNo)
  if (order === undefined) throw new Error(`the simulator has no order ${orderNo}`)
  const response = await fetch(`${sim.url}/__sim/wallet/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cloudpay_param: order.cloudpay_param,
      payer: order.openid,
      outcome: 'success',
    }),
  })
  if (!response.ok) throw new Error(`wallet: ${response.status} ${await response.text()}`)
}

/** Sleeps `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}

/** The rows of the BFF's database the invariants read. */
export interface BffRows {
  orders: { order_no: string; status: string; payer_id: string; upstream: string }[]
  keys: {
    key: string
    payer_id: string
    state: string
    order_no: string | null
    response_status: number | null
    response_body: string | null
  }[]
}

const ORDERS_SQL = 'select order_no, status, payer_id, upstream from orders'
const KEYS_SQL =
  'select key, payer_id, state, order_no, response_status, response_body from idempotency_keys'

/** Reads orders and idempotency keys straight from the database (SQLite opened read-only). */
export async function readBffRows(databaseUrl: string): Promise<BffRows> {
  return {
    orders: await queryRows<BffRows['orders'][number]>(databaseUrl, ORDERS_SQL),
    keys: await queryRows<BffRows['keys'][number]>(databaseUrl, KEYS_SQL),
  }
}

/** The rows `query` answers, read straight from the SQLite file or on a new PostgreSQL connection. */
export async function queryRows<Row>(databaseUrl: string, query: string): Promise<Row[]> {
  if (databaseUrl.startsWith('file:')) {
    const db = new Sqlite(databaseUrl.slice('file:'.length), {
      readonly: true,
      fileMustExist: true,
    })
    try {
      return db.prepare(query).all() as Row[]
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query(query)).rows as Row[]
  } finally {
    await client.end()
  }
}

/** `PRAGMA integrity_check` of a SQLite file, opened read-only (after the BFF was killed). */
export function integrityCheck(databaseUrl: string): string {
  const db = new Sqlite(databaseUrl.slice('file:'.length), { readonly: true, fileMustExist: true })
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'no answer'
  } finally {
    db.close()
  }
}

const PAID = new Set(['paid', 'partially_refunded', 'refunded'])

/**
 * The exactly-once and truth invariants between the BFF's database and the simulator, as a list
 * of violations (empty = all hold):
 * - every aggregator order is an order of the BFF (nothing created upstream was lost);
 * - every order belongs to exactly one idempotency key, so a key has at most one aggregator order;
 * - a key answered 201 names its own order;
 * - paid at the aggregator ⇒ paid in the BFF (only `afterReconciliation`, the default);
 * - paid in the BFF ⇒ paid at the aggregator.
 */
export async function invariantViolations(
  sim: RunningSimulator,
  databaseUrl: string,
  options: { afterReconciliation?: boolean } = {},
): Promise<string[]> {
  const rows = await readBffRows(databaseUrl)
  const violations: string[] = []
  const orders = new Map(rows.orders.map((order) => [order.order_no, order]))
  const owners = new Map<string, number>()
  for (const key of rows.keys) {
    if (key.order_no === null) continue
    owners.set(key.order_no, (owners.get(key.order_no) ?? 0) + 1)
    if (key.state === 'done' && key.response_status === 201) {
      const answered = (JSON.parse(key.response_body ?? '{}') as { order?: { order_no?: string } })
        .order?.order_no
      if (answered !== key.order_no) {
        violations.push(`key ${key.key} answered ${answered ?? 'none'}, owns ${key.order_no}`)
      }
    }
  }
  for (const order of rows.orders) {
    const count = owners.get(order.order_no) ?? 0
    if (count !== 1) violations.push(`order ${order.order_no} has ${count} idempotency keys`)
  }
  for (const simOrder of sim.state.orders.values()) {
    const mine = orders.get(simOrder.order_no)
    if (mine === undefined) {
      violations.push(`aggregator order ${simOrder.order_no} is unknown to the BFF`)
      continue
    }
    const reconciled = options.afterReconciliation ?? true
    if (reconciled && simOrder.status === 'SUCCESSED' && !PAID.has(mine.status)) {
      violations.push(`${simOrder.order_no} paid at the aggregator, ${mine.status} in the BFF`)
    }
  }
  for (const order of rows.orders) {
    if (!PAID.has(order.status)) continue
    if (sim.state.findOrder(order.order_no)?.status !== 'SUCCESSED') {
      violations.push(`${order.order_no} paid in the BFF, not at the aggregator`)
    }
  }
  return violations
}

/** Waits until the invariants hold (reconciliation takes a moment) and answers the last violations. */
export async function settledViolations(
  sim: RunningSimulator,
  databaseUrl: string,
  timeoutMs = 20_000,
): Promise<string[]> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const violations = await invariantViolations(sim, databaseUrl)
    if (violations.length === 0 || Date.now() > until) return violations
    await sleep(200)
  }
}

/** The simulator's JSAPIPay calls carrying `orderNo`. */
export function jsapiCalls(sim: RunningSimulator, orderNo: string): number {
  return sim.state.stats.orders[orderNo]?.jsapi_calls ?? 0
}

/** How many aggregator orders the simulator holds for a payer. */
export function simOrdersOf(sim: RunningSimulator, openid: string): number {
  return [...sim.state.orders.values()].filter((order) => order.openid === openid).length
}
