import type { IncomingMessage, Server } from 'node:http'
import { createServer } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LIANKE_ROUTES, createLiankeClient } from '../src/index'

interface Recorded {
  method: string | undefined
  url: string | undefined
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
}

// A real HTTP server that records what arrives: the simulator does not expose request headers.
let server: Server
let baseUrl: string
const recorded: Recorded[] = []
let connectionsOpened = 0

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      recorded.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      })
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify({ code: 'SUCCESS', msg: 'ok', data: { transaction_status: 'CREATE' } }),
      )
    })
  })
  server.on('connection', () => {
    connectionsOpened += 1
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  baseUrl = `http://127.0.0.1:${port}/gateway/`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('createLiankeClient', () => {
  it('POSTs JSON to the route under the base URL, without a base-path trailing slash too', async () => {
    recorded.length = 0
    const client = createLiankeClient({ baseUrl: baseUrl.slice(0, -1), storeNo: 'DEMO001' })
    await client.query({ order_no: 'A1' })
    expect(recorded[0]).toMatchObject({
      method: 'POST',
      url: '/gateway/QuickPay/Query',
      body: { store_no: 'DEMO001', order_no: 'A1' },
    })
    expect(recorded[0]?.headers['content-type']).toMatch(/^application\/json/)
    expect(recorded[0]?.headers['user-agent']).toBe('quickpay-lianke')
  })

  it('lets the auth hook add a header, a query parameter and a body field on every attempt', async () => {
    recorded.length = 0
    const routes: string[] = []
    const client = createLiankeClient({
      baseUrl,
      storeNo: 'DEMO001',
      auth: ({ route, url, headers, body }) => {
        routes.push(route)
        headers.set('authorization', 'Bearer test-token')
        url.searchParams.set('access_token', 'tok-1')
        body.sign = `signed:${String(body.order_no)}`
      },
    })
    await client.query({ order_no: 'A2' })
    expect(routes).toEqual([LIANKE_ROUTES.query])
    expect(recorded[0]?.headers.authorization).toBe('Bearer test-token')
    expect(recorded[0]?.headers['user-agent']).toBe('quickpay-lianke')
    expect(recorded[0]?.url).toBe('/gateway/QuickPay/Query?access_token=tok-1')
    expect(recorded[0]?.body).toEqual({ store_no: 'DEMO001', order_no: 'A2', sign: 'signed:A2' })
  })

  it('sends through an injected fetch', async () => {
    const seen: string[] = []
    const client = createLiankeClient({
      baseUrl,
      storeNo: 'DEMO001',
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input))
        return fetch(input, init)
      },
    })
    await client.query({ order_no: 'A3' })
    expect(seen).toEqual([`${baseUrl}QuickPay/Query`])
  })

  it('reuses kept-alive connections and never opens more than maxConnections', async () => {
    const client = createLiankeClient({ baseUrl, storeNo: 'DEMO001', maxConnections: 2 })
    const before = connectionsOpened
    const orders = Array.from({ length: 6 }, (_, index) => `POOL${index}`)
    await Promise.all(orders.map((order_no) => client.query({ order_no })))
    await client.query({ order_no: 'POOL6' })
    await client.query({ order_no: 'POOL7' })
    expect(recorded.filter((call) => String(call.body.order_no).startsWith('POOL'))).toHaveLength(8)
    expect(connectionsOpened - before).toBeGreaterThanOrEqual(1)
    expect(connectionsOpened - before).toBeLessThanOrEqual(2)
  })

  it('refuses a pool without connections', () => {
    expect(() => createLiankeClient({ baseUrl, storeNo: 'X', maxConnections: 0 })).toThrow(
      /maxConnections/,
    )
  })

  it('refuses a base URL that is not http(s)', () => {
    expect(() => createLiankeClient({ baseUrl: 'not a url', storeNo: 'X' })).toThrow(TypeError)
    expect(() => createLiankeClient({ baseUrl: 'ftp://127.0.0.1/', storeNo: 'X' })).toThrow(
      /http\(s\)/,
    )
  })

  it('refuses negative timeouts', () => {
    expect(() => createLiankeClient({ baseUrl, storeNo: 'X', timeoutMs: -1 })).toThrow(/timeoutMs/)
  })
})
