import type { Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LiankeHttpError, createLiankeClient } from '../../src/index'
import { lazyConnectionPool } from '../../src/transport/connection-pool'
import { fetchPost } from '../../src/transport/fetch-post'
import { undiciPost } from '../../src/transport/undici-post'
import type { UpstreamPost } from '../../src/transport/upstream-post'

// Answers by path: a JSON body behind a byte-order mark, a chunked body far over any limit
// (no content-length, so only counting the bytes can stop it), a redirect, and a 503 with a body.
const answers: Record<string, (response: ServerResponse) => void> = {
  '/bom': (response) => response.end('\uFEFF{"code":"SUCCESS"}'),
  '/endless': (response) => {
    const chunk = 'x'.repeat(16 * 1024)
    for (let index = 0; index < 64; index += 1) response.write(chunk)
    response.end()
  },
  '/moved/QuickPay/Query': (response) => {
    response.statusCode = 302
    response.setHeader('location', '/bom')
    response.end()
  },
  '/unavailable': (response) => {
    response.statusCode = 503
    response.end('{"busy":true}')
  },
}

let server: Server
let origin: string
const paths: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    paths.push(request.url ?? '')
    request.resume()
    request.on('end', () => answers[request.url ?? '']?.(response))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const transports: [string, () => UpstreamPost][] = [
  ['undici request (the default)', () => undiciPost(lazyConnectionPool(1))],
  ['an injected fetch', () => fetchPost(fetch, lazyConnectionPool(1))],
]

describe.each(transports)('the upstream POST through %s', (_name, make) => {
  const post = (transport: UpstreamPost, path: string) =>
    transport({
      url: new URL(path, origin),
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(5000),
    })

  it('reads the body as text without its byte-order mark', async () => {
    const answer = await post(make(), '/bom')
    expect(answer.status).toBe(200)
    expect(await answer.text(1024)).toBe('{"code":"SUCCESS"}')
  })

  it('stops reading a chunked body once it passes the limit', async () => {
    const answer = await post(make(), '/endless')
    expect(await answer.text(64 * 1024)).toBeUndefined()
  })

  it('answers a refused status, throws its body away and serves the next call', async () => {
    const transport = make()
    const refused = await post(transport, '/unavailable')
    expect(refused.status).toBe(503)
    await refused.discard()
    const next = await post(transport, '/bom')
    expect(await next.text(1024)).toBe('{"code":"SUCCESS"}')
  })
})

it('does not follow a redirect: the client reports it as an HTTP error and sends nothing more', async () => {
  const client = createLiankeClient({
    baseUrl: `${origin}/moved/`,
    storeNo: 'DEMO001',
    retry: { limit: 0 },
  })
  paths.length = 0
  const query = client.query({ order_no: 'MOVED1' })
  await expect(query).rejects.toBeInstanceOf(LiankeHttpError)
  await expect(query).rejects.toMatchObject({ status: 302 })
  expect(paths).toEqual(['/moved/QuickPay/Query'])
})
