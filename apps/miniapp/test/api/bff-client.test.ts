import type { Channel, StoreConfig } from '@quickpay/contracts'
import { afterEach, describe, expect, it } from 'vitest'

import { createBffClient } from '../../src/api/bff-client'
import { fetchTransport } from '../../src/api/fetch-transport'
import { StoreError } from '../../src/errors/store-error'
import type { LoginResult } from '../../src/platform/platform-types'
import { order } from '../support/fake-bff'
import { memoryStorage } from '../support/memory-storage'
import { storeConfig, wechatPayment } from '../support/payments'
import { errorBody, startTestServer, type Answer, type SeenRequest } from '../support/test-server'

const servers: { close: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const FUTURE = '2099-01-01T00:00:00.000Z'

interface SetupExtras {
  sandbox?: boolean
  sandboxLoginChannel?: Channel
  loginError?: StoreError
}

async function setup(
  route: (request: SeenRequest, nth: number) => Answer | undefined,
  loginResult?: LoginResult,
  extras: SetupExtras = {},
) {
  let codes = 0
  const counts = new Map<string, number>()
  const server = await startTestServer((request) => {
    const key = `${request.method} ${request.path}`
    const nth = (counts.get(key) ?? 0) + 1
    counts.set(key, nth)
    const answer = route(request, nth)
    if (answer !== undefined) return answer
    if (key === 'GET /api/config') return { status: 200, body: storeConfig(extras.sandbox ?? true) }
    if (key === 'POST /api/sessions') {
      const { code } = request.body as { code: string }
      return {
        status: 201,
        body: { token: `token-for-${code}`, expires_at: FUTURE, channel: 'wechat-miniprogram' },
      }
    }
    return { status: 404, body: errorBody('NOT_FOUND') }
  })
  servers.push(server)
  const storage = memoryStorage()
  const sleeps: number[] = []
  const logins: StoreConfig[] = []
  const client = createBffClient({
    baseUrl: server.url,
    transport: fetchTransport(5000),
    storage,
    ...(extras.sandboxLoginChannel === undefined
      ? {}
      : { sandboxLoginChannel: extras.sandboxLoginChannel }),
    login: (config) => {
      logins.push(config)
      if (extras.loginError !== undefined) return Promise.reject(extras.loginError)
      codes += 1
      return Promise.resolve(
        loginResult ?? {
          kind: 'code',
          request: { channel: 'wechat-miniprogram', code: `code-${codes}` },
        },
      )
    },
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
  })
  return { client, server, storage, sleeps, logins }
}

const product = {
  sku: 'coffee-500g',
  name: '云南小粒咖啡豆 500g',
  description: '中度烘焙',
  price: 6800,
  image_url: '/images/coffee-500g.0123456789.png',
}

describe('the BFF client', () => {
  it('reads the catalogue and validates it with the contracts schema', async () => {
    const { client } = await setup((request) =>
      request.path === '/api/products' ? { status: 200, body: { products: [product] } } : undefined,
    )
    await expect(client.listProducts()).resolves.toEqual([product])
  })

  it('refuses an answer that breaks the contract', async () => {
    const { client } = await setup((request) =>
      request.path === '/api/products'
        ? { status: 200, body: { products: [{ ...product, price: '68.00' }] } }
        : undefined,
    )
    await expect(client.listProducts()).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('logs in once, keeps the token in storage and sends it as a bearer token', async () => {
    const { client, server, storage, logins } = await setup((request) =>
      request.path === '/api/orders' && request.method === 'GET'
        ? { status: 200, body: { orders: [] } }
        : undefined,
    )
    await Promise.all([client.listOrders(), client.listOrders()])
    await client.listOrders()
    expect(logins).toHaveLength(1)
    expect(logins[0]?.sandbox).toBe(true)
    const sessionCalls = server.seen.filter((request) => request.path === '/api/sessions')
    expect(sessionCalls.map((request) => request.body)).toEqual([
      { channel: 'wechat-miniprogram', code: 'code-1' },
    ])
    const authorizations = server.seen
      .filter((request) => request.path === '/api/orders')
      .map((request) => request.headers.authorization)
    expect(authorizations).toEqual([
      'Bearer token-for-code-1',
      'Bearer token-for-code-1',
      'Bearer token-for-code-1',
    ])
    expect(storage.entries.get('qp.session')).toContain('token-for-code-1')
  })

  it('asks for one tab and the page after a cursor, and reads the next cursor (issue #17)', async () => {
    const { client, server } = await setup((request) =>
      request.path.startsWith('/api/orders?')
        ? { status: 200, body: { orders: [order('refunded')], next_cursor: '1764504000000.Q1' } }
        : undefined,
    )
    const page = await client.listOrders({ tab: 'refund', cursor: '1764504000000.Q2' })
    expect(page.next_cursor).toBe('1764504000000.Q1')
    expect(page.orders.map((item) => item.status)).toEqual(['refunded'])
    expect(server.seen.map((request) => request.path)).toContain(
      '/api/orders?tab=refund&cursor=1764504000000.Q2',
    )
  })

  it('renews the session by a new login when a 401 arrives, once', async () => {
    const { client, logins } = await setup((request) => {
      if (request.path !== '/api/orders') return undefined
      return request.headers.authorization === 'Bearer token-for-code-2'
        ? { status: 200, body: { orders: [order('paid')] } }
        : { status: 401, body: errorBody('UNAUTHENTICATED') }
    })
    await expect(client.listOrders()).resolves.toMatchObject({ orders: [{ status: 'paid' }] })
    expect(logins).toHaveLength(2)
  })

  it('gives up with UNAUTHENTICATED when the renewed session is refused too', async () => {
    const { client, logins } = await setup((request) =>
      request.path === '/api/orders'
        ? { status: 401, body: errorBody('UNAUTHENTICATED') }
        : undefined,
    )
    await expect(client.listOrders()).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    })
    expect(logins).toHaveLength(2)
  })

  it('retries order creation with the same Idempotency-Key until the BFF answers', async () => {
    const created = { order: order('pending'), payment: wechatPayment }
    const { client, server, sleeps } = await setup((request, nth) => {
      if (request.path !== '/api/orders' || request.method !== 'POST') return undefined
      if (nth === 1) return { status: 504, body: errorBody('UPSTREAM_TIMEOUT') }
      if (nth === 2) return { status: 409, body: errorBody('IDEMPOTENCY_KEY_IN_FLIGHT') }
      return { status: 201, body: created }
    })
    const body = { items: [{ sku: 'coffee-500g', quantity: 1 }] }
    await expect(client.createOrder(body, 'attempt-key-1')).resolves.toEqual(created)
    const posts = server.seen.filter((request) => request.path === '/api/orders')
    expect(posts.map((request) => request.headers['idempotency-key'])).toEqual([
      'attempt-key-1',
      'attempt-key-1',
      'attempt-key-1',
    ])
    expect(posts.every((request) => JSON.stringify(request.body) === JSON.stringify(body))).toBe(
      true,
    )
    expect(sleeps).toEqual([1000, 2000])
  })

  it('does not retry a rejection, and maps it to a Chinese message', async () => {
    const { client, server } = await setup((request) =>
      request.path === '/api/orders'
        ? { status: 502, body: errorBody('UPSTREAM_REJECTED', 'generic', 'req-9') }
        : undefined,
    )
    await expect(
      client.createOrder({ items: [{ sku: 'a', quantity: 1 }] }, 'k'),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
      status: 502,
      requestId: 'req-9',
      message: '支付服务拒绝了该订单，请稍后重试',
    })
    expect(server.seen.filter((request) => request.path === '/api/orders')).toHaveLength(1)
  })

  it('maps ORDER_NOT_FOUND to 订单不存在', async () => {
    const { client } = await setup((request) =>
      request.path.startsWith('/api/orders/')
        ? { status: 404, body: errorBody('ORDER_NOT_FOUND') }
        : undefined,
    )
    await expect(client.getOrder('Q-someone-else')).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
      message: '订单不存在',
    })
  })

  it('re-issues payment parameters for the same order, without an Idempotency-Key', async () => {
    const { client, server } = await setup((request) =>
      request.path === '/api/orders/Q1/payment'
        ? { status: 200, body: { order: order('pending', 'Q1'), payment: wechatPayment } }
        : undefined,
    )
    await expect(client.paymentFor('Q1')).resolves.toMatchObject({
      payment: wechatPayment,
    })
    expect(
      server.seen.find((request) => request.path === '/api/orders/Q1/payment')?.headers[
        'idempotency-key'
      ],
    ).toBeUndefined()
  })

  it('takes ORDER_NOT_PENDING as final: one request, no retry', async () => {
    const { client, server, sleeps } = await setup((request) =>
      request.path === '/api/orders/Q1/payment'
        ? { status: 409, body: errorBody('ORDER_NOT_PENDING') }
        : undefined,
    )
    await expect(client.paymentFor('Q1')).rejects.toMatchObject({ code: 'ORDER_NOT_PENDING' })
    expect(server.seen.filter((request) => request.path === '/api/orders/Q1/payment')).toHaveLength(
      1,
    )
    expect(sleeps).toEqual([])
  })

  it('posts the claim and the sandbox payment as the contracts describe', async () => {
    const { client, server } = await setup((request) => {
      if (request.path === '/api/orders/Q1/claims') return { status: 202, body: {} }
      if (request.path === '/api/sandbox/payments')
        return { status: 200, body: { wallet: 'wechat', err_msg: 'get_brand_wcpay_request:ok' } }
      return undefined
    })
    await client.claim('Q1', { outcome: 'claimed_paid', raw: 'requestPayment:ok' })
    await expect(client.sandboxPay('Q1', 'success')).resolves.toEqual({
      wallet: 'wechat',
      err_msg: 'get_brand_wcpay_request:ok',
    })
    expect(server.seen.find((request) => request.path === '/api/orders/Q1/claims')?.body).toEqual({
      outcome: 'claimed_paid',
      raw: 'requestPayment:ok',
    })
    expect(server.seen.find((request) => request.path === '/api/sandbox/payments')?.body).toEqual({
      order_no: 'Q1',
      outcome: 'success',
    })
  })

  it('reports LOGIN_REDIRECT when the platform left for an authorize page', async () => {
    const { client, server } = await setup(() => undefined, { kind: 'redirect' })
    await expect(client.ensureSession()).rejects.toMatchObject({ code: 'LOGIN_REDIRECT' })
    expect(server.seen.some((request) => request.path === '/api/sessions')).toBe(false)
  })

  describe('in sandbox mode on a mini-program (the IDE login)', () => {
    const ideSession = { token: 'ide-token', expires_at: FUTURE, channel: 'alipay-miniprogram' }
    const refuseCodes = (request: SeenRequest): Answer | undefined => {
      if (request.path === '/api/sessions')
        return { status: 401, body: errorBody('INVALID_LOGIN_CODE') }
      if (request.path === '/api/sandbox/sessions') return { status: 201, body: ideSession }
      return undefined
    }

    it('falls back to POST /api/sandbox/sessions when the BFF does not know the IDE code', async () => {
      const { client, server, storage } = await setup(refuseCodes, undefined, {
        sandboxLoginChannel: 'alipay-miniprogram',
      })
      await client.ensureSession()
      const fallback = server.seen.filter((request) => request.path === '/api/sandbox/sessions')
      expect(fallback.map((request) => request.body)).toEqual([{ channel: 'alipay-miniprogram' }])
      expect(storage.get('qp.session')).toContain('ide-token')
    })

    it('falls back when the platform login itself fails (a tourist appid)', async () => {
      const { client, server } = await setup(refuseCodes, undefined, {
        sandboxLoginChannel: 'wechat-miniprogram',
        loginError: new StoreError('LOGIN_FAILED', { cause: 'login:fail' }),
      })
      await client.ensureSession()
      expect(server.seen.map((request) => request.path)).toEqual([
        '/api/config',
        '/api/sandbox/sessions',
      ])
    })

    it('never falls back when the BFF is not in sandbox mode', async () => {
      const { client, server } = await setup(refuseCodes, undefined, {
        sandbox: false,
        sandboxLoginChannel: 'wechat-miniprogram',
      })
      await expect(client.ensureSession()).rejects.toMatchObject({ code: 'INVALID_LOGIN_CODE' })
      expect(server.seen.some((request) => request.path === '/api/sandbox/sessions')).toBe(false)
    })

    it('never falls back on H5, which has no sandbox login channel', async () => {
      const { client, server } = await setup(refuseCodes)
      await expect(client.ensureSession()).rejects.toMatchObject({ code: 'INVALID_LOGIN_CODE' })
      expect(server.seen.some((request) => request.path === '/api/sandbox/sessions')).toBe(false)
    })
  })

  it('reports NETWORK_ERROR when nobody answers', async () => {
    const { client, server } = await setup(() => undefined)
    await server.close()
    servers.length = 0
    await expect(client.listProducts()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: '网络异常，请检查网络后重试',
    })
  })
})
