import type {
  Channel,
  CreateOrderRequest,
  CreateOrderResponse,
  OrdersResponse,
  OrderTab,
  PaymentClaimRequest,
  ShopperOrder,
  Product,
  StoreConfig,
  WalletOutcome,
  WalletPayResponse,
} from '@quickpay/contracts'
import * as v from 'valibot'

import { StoreError } from '../errors/store-error'
import type { KeyValueStorage } from '../lib/key-value-storage'
import type { PlatformLogin } from '../platform/platform-types'
import type { HttpRequest, HttpResponse, HttpTransport } from './http-transport'
import {
  createOrderAnswer,
  errorAnswer,
  orderAnswer,
  ordersAnswer,
  productsAnswer,
  sessionAnswer,
  storeConfigAnswer,
  walletPayAnswer,
} from './answer-schemas'
import { sessionStore } from './session-store'

/** What the BFF client is built from; everything with side effects is injected. */
export interface BffClientOptions {
  /** The BFF origin without a trailing slash; '' = the page's own origin (H5). */
  baseUrl: string
  transport: HttpTransport
  storage: KeyValueStorage
  /** The platform login, called when there is no session or the BFF refused it (once). */
  login: PlatformLogin
  /**
   * The mini-program channel of this build, if any. When the BFF runs in sandbox mode and the
   * platform login fails or yields a code the simulator never minted (WeChat DevTools, the Alipay
   * IDE), the client asks `POST /api/sandbox/sessions` for this channel instead.
   */
  sandboxLoginChannel?: Channel
  sleep: (ms: number) => Promise<void>
  now?: () => number
  /** Waits before each retry of an order request; its length is the number of retries. */
  retryDelaysMs?: readonly number[]
}

/** Statuses worth retrying with the same Idempotency-Key: the BFF or the aggregator may not have finished. */
const RETRYABLE_STATUSES = new Set([502, 503, 504])

/** The typed BFF client: every answer validated with the contracts' schemas. */
export type BffClient = ReturnType<typeof createBffClient>

/**
 * Builds the store's BFF client: validates every answer (`answer-schemas.ts`), keeps the session token in storage and renews it by one new login on a 401, retries
 * order creation with the same Idempotency-Key, and maps errors to StoreError.
 */
export function createBffClient(options: BffClientOptions) {
  const { baseUrl, transport, login, sleep } = options
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 2000, 4000]
  const sessions = sessionStore(options.storage, options.now)
  let config: Promise<StoreConfig> | undefined
  let loggingIn: Promise<string> | undefined

  async function send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await transport({ ...request, url: `${baseUrl}${request.url}` })
    } catch (error) {
      throw new StoreError('NETWORK_ERROR', { cause: error })
    }
  }

  function read<T>(schema: v.GenericSchema<T>, response: HttpResponse): T {
    if (response.status >= 400) throw errorOf(response)
    const parsed = v.safeParse(schema, response.body)
    if (!parsed.success)
      throw new StoreError('BAD_RESPONSE', { status: response.status, cause: parsed.issues })
    return parsed.output
  }

  function getConfig(): Promise<StoreConfig> {
    config ??= send({ method: 'GET', url: '/api/config', headers: {} })
      .then((response) => read(storeConfigAnswer, response))
      .catch((error: unknown) => {
        config = undefined
        throw error
      })
    return config
  }

  async function newSession(): Promise<string> {
    const config = await getConfig()
    const sandboxChannel = config.sandbox ? options.sandboxLoginChannel : undefined
    let response: HttpResponse
    try {
      const result = await login(config)
      if (result.kind === 'redirect') throw new StoreError('LOGIN_REDIRECT')
      response = await send({
        method: 'POST',
        url: '/api/sessions',
        headers: {},
        body: result.request,
      })
    } catch (error) {
      if (sandboxChannel === undefined || !isPlatformLoginFailure(error)) throw error
      response = await sandboxSession(sandboxChannel)
    }
    if (sandboxChannel !== undefined && errorCodeOf(response) === 'INVALID_LOGIN_CODE')
      response = await sandboxSession(sandboxChannel)
    const session = read(sessionAnswer, response)
    sessions.write(session)
    return session.token
  }

  function sandboxSession(channel: Channel): Promise<HttpResponse> {
    return send({ method: 'POST', url: '/api/sandbox/sessions', headers: {}, body: { channel } })
  }

  function sessionToken(renew: boolean): Promise<string> {
    if (renew) sessions.clear()
    const stored = sessions.read()
    if (stored !== undefined) return Promise.resolve(stored.token)
    // Pages ask concurrently on load; one login serves them all (login codes are single use).
    loggingIn ??= newSession().finally(() => {
      loggingIn = undefined
    })
    return loggingIn
  }

  async function authed(request: HttpRequest): Promise<HttpResponse> {
    const withToken = (token: string): HttpRequest => ({
      ...request,
      headers: { ...request.headers, Authorization: `Bearer ${token}` },
    })
    const first = await send(withToken(await sessionToken(false)))
    if (first.status !== 401) return first
    return send(withToken(await sessionToken(true)))
  }

  async function withRetries(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const delay = retryDelaysMs[attempt]
      let response: HttpResponse
      try {
        response = await authed(request)
      } catch (error) {
        if (delay === undefined || !(error instanceof StoreError) || error.code !== 'NETWORK_ERROR')
          throw error
        await sleep(delay)
        continue
      }
      if (delay === undefined || !isRetryable(response)) return response
      await sleep(delay)
    }
  }

  return {
    /** `GET /api/config`, fetched once per app run. */
    getConfig,

    /** Makes sure a session exists, logging in when needed (on H5 this may leave the page). */
    async ensureSession(): Promise<void> {
      await sessionToken(false)
    },

    /** `GET /api/products`: the catalogue. */
    async listProducts(): Promise<Product[]> {
      const response = await send({ method: 'GET', url: '/api/products', headers: {} })
      return read(productsAnswer, response).products
    },

    /** `POST /api/orders` with the checkout attempt's key, retried with that same key. */
    async createOrder(
      body: CreateOrderRequest,
      idempotencyKey: string,
    ): Promise<CreateOrderResponse> {
      const response = await withRetries({
        method: 'POST',
        url: '/api/orders',
        headers: { 'Idempotency-Key': idempotencyKey },
        body,
      })
      return read(createOrderAnswer, response)
    },

    /**
     * `POST /api/orders/:order_no/payment`: the payment parameters again for a pending order. It
     * names an existing order, so repeating it can never make a second one: it takes no
     * Idempotency-Key, and a network failure is simply retried.
     */
    async paymentFor(orderNo: string): Promise<CreateOrderResponse> {
      const response = await withRetries({
        method: 'POST',
        url: `/api/orders/${encodeURIComponent(orderNo)}/payment`,
        headers: {},
        body: {},
      })
      return read(createOrderAnswer, response)
    },

    /** `GET /api/orders/:order_no`; another shopper's order is ORDER_NOT_FOUND like an unknown one. */
    async getOrder(orderNo: string): Promise<ShopperOrder> {
      const response = await authed({
        method: 'GET',
        url: `/api/orders/${encodeURIComponent(orderNo)}`,
        headers: {},
      })
      return read(orderAnswer, response).order
    },

    /**
     * `GET /api/orders`: one page of the shopper's own orders, newest first, of one tab (filtered
     * by the BFF); pass the answer's `next_cursor` for the next page.
     */
    async listOrders(page: { tab?: OrderTab; cursor?: string } = {}): Promise<OrdersResponse> {
      const query = [
        ...(page.tab === undefined ? [] : [`tab=${page.tab}`]),
        ...(page.cursor === undefined ? [] : [`cursor=${encodeURIComponent(page.cursor)}`]),
      ].join('&')
      const response = await authed({
        method: 'GET',
        url: query === '' ? '/api/orders' : `/api/orders?${query}`,
        headers: {},
      })
      return read(ordersAnswer, response)
    },

    /** `POST /api/orders/:order_no/cancel`: closes a pending order. */
    async cancelOrder(orderNo: string): Promise<ShopperOrder> {
      const response = await authed({
        method: 'POST',
        url: `/api/orders/${encodeURIComponent(orderNo)}/cancel`,
        headers: {},
        body: {},
      })
      return read(orderAnswer, response).order
    },

    /** `POST /api/orders/:order_no/claims`: tells the BFF what the platform said (never trusted). */
    async claim(orderNo: string, claim: PaymentClaimRequest): Promise<void> {
      const response = await authed({
        method: 'POST',
        url: `/api/orders/${encodeURIComponent(orderNo)}/claims`,
        headers: {},
        body: claim,
      })
      if (response.status >= 400) throw errorOf(response)
    },

    /** `POST /api/sandbox/payments`: the sandbox cashier pays as the shopper; answers the wallet's result. */
    async sandboxPay(orderNo: string, outcome: WalletOutcome): Promise<WalletPayResponse> {
      const response = await authed({
        method: 'POST',
        url: '/api/sandbox/payments',
        headers: {},
        body: { order_no: orderNo, outcome },
      })
      return read(walletPayAnswer, response)
    },
  }
}

function isPlatformLoginFailure(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'LOGIN_FAILED'
}

function isRetryable(response: HttpResponse): boolean {
  // A 409 is final (ORDER_NOT_PENDING, …) except while the first request with this key still runs.
  if (response.status === 409) return errorCodeOf(response) === 'IDEMPOTENCY_KEY_IN_FLIGHT'
  if (!RETRYABLE_STATUSES.has(response.status)) return false
  // A rejection is the BFF's final word for this key: asking again replays the same answer.
  return errorCodeOf(response) !== 'UPSTREAM_REJECTED'
}

function errorCodeOf(response: HttpResponse): string | undefined {
  const parsed = v.safeParse(errorAnswer, response.body)
  return parsed.success ? parsed.output.error.code : undefined
}

function errorOf(response: HttpResponse): StoreError {
  const parsed = v.safeParse(errorAnswer, response.body)
  if (!parsed.success) {
    return new StoreError(response.status >= 500 ? 'INTERNAL_ERROR' : 'BAD_RESPONSE', {
      status: response.status,
    })
  }
  return new StoreError(parsed.output.error.code, {
    status: response.status,
    requestId: parsed.output.error.request_id,
    cause: parsed.output.error.message,
  })
}
