/**
 * The few calls the bench makes as a shopper, a wallet and the aggregator, over plain fetch to
 * the BFF and the simulator on loopback. Every call checks its status so a broken setup fails
 * loudly instead of producing numbers for error pages.
 */

/** A shopper with a session: the token and the payer id the simulator knows them by. */
export interface BenchShopper {
  token: string
  openid: string
}

/** An order as POST /api/orders created it. */
export interface CreatedOrder {
  orderNo: string
  cloudpayParam: string
}

const CHANNEL = 'wechat-miniprogram'
const STORE_NO = 'DEMO001'

async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  expected: number,
): Promise<unknown> {
  const headers: Record<string, string> = { ...init.headers }
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(15000),
  })
  const text = await response.text()
  if (response.status !== expected) {
    throw new Error(
      `${init.method ?? 'call'} ${url} → HTTP ${response.status} ${text.slice(0, 300)}`,
    )
  }
  return text.length > 0 && text.trimStart().startsWith('{') ? JSON.parse(text) : text
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function text(value: unknown, ...path: string[]): string {
  const found = field(value, ...path)
  if (typeof found !== 'string') throw new Error(`expected a string at ${path.join('.')}`)
  return found
}

/** Shopper, wallet and aggregator calls against one BFF and one simulator. */
export function createBenchClient(urls: { bff: string; simulator: string }) {
  return {
    /** Mints a login code for `user` and exchanges it for a BFF session. */
    async openSession(user: string): Promise<BenchShopper> {
      const minted = await call(
        `${urls.simulator}/__sim/login-codes`,
        { body: { channel: CHANNEL, user } },
        200,
      )
      const session = await call(
        `${urls.bff}/api/sessions`,
        { body: { channel: CHANNEL, code: text(minted, 'code') } },
        201,
      )
      return { token: text(session, 'token'), openid: text(minted, 'openid') }
    },

    /** The first SKU of the catalogue. */
    async firstSku(): Promise<string> {
      const answer = await call(`${urls.bff}/api/products`, {}, 200)
      const products = field(answer, 'products')
      if (!Array.isArray(products) || products.length === 0) throw new Error('no products')
      return text(products[0], 'sku')
    },

    /** Creates an order of one `sku` with a fresh Idempotency-Key. */
    async createOrder(token: string, sku: string): Promise<CreatedOrder> {
      const answer = await call(
        `${urls.bff}/api/orders`,
        {
          token,
          body: { items: [{ sku, quantity: 1 }] },
          headers: { 'idempotency-key': `bench-setup-${crypto.randomUUID()}` },
        },
        201,
      )
      return {
        orderNo: text(answer, 'order', 'order_no'),
        cloudpayParam: text(answer, 'payment', 'cloudpay_param'),
      }
    },

    /** The BFF's status of an order. */
    async orderStatus(token: string, orderNo: string): Promise<string> {
      return text(
        await call(`${urls.bff}/api/orders/${orderNo}`, { token }, 200),
        'order',
        'status',
      )
    },

    /** The wallet pays successfully as `payer`. */
    async walletPay(cloudpayParam: string, payer: string): Promise<void> {
      await call(
        `${urls.simulator}/__sim/wallet/pay`,
        { body: { cloudpay_param: cloudpayParam, payer, outcome: 'success' } },
        200,
      )
    },

    /** What the aggregator reports for an order (the body its notification carries). */
    async aggregatorView(orderNo: string): Promise<unknown> {
      const envelope = await call(
        `${urls.simulator}/QuickPay/Query`,
        { body: { store_no: STORE_NO, order_no: orderNo } },
        200,
      )
      if (field(envelope, 'code') !== 'SUCCESS') throw new Error(`Query ${orderNo} failed`)
      return field(envelope, 'data')
    },

    /** POSTs a notification body to the BFF's notify path; returns the answer text. */
    async notify(path: string, body: string): Promise<string> {
      const response = await fetch(`${urls.bff}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(15000),
      })
      return `${response.status} ${await response.text()}`
    },
  }
}

/** The client type returned by createBenchClient. */
export type BenchClient = ReturnType<typeof createBenchClient>
