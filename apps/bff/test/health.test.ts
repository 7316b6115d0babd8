import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { TEST_DATABASES } from './support/databases'
import { startTestApp, type TestApp } from './support/test-app'

describe.each(TEST_DATABASES)('health and basics on %s', (db) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db })
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers liveness with status ok', async () => {
    const response = await app.request('GET', '/healthz')
    expect(response.status).toBe(200)
    expect(response.json).toEqual({ status: 'ok' })
  })

  it('answers readiness 200 while the database answers', async () => {
    const response = await app.request('GET', '/readyz')
    expect(response.status).toBe(200)
  })

  it('answers an unknown route with the error envelope and echoes a sane request id', async () => {
    const response = await app.request('GET', '/api/nope', {
      headers: { 'x-request-id': 'req-12345678' },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toBe('req-12345678')
    expect(response.json).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such resource.', request_id: 'req-12345678' },
    })
  })

  it('replaces an insane request id with a generated one', async () => {
    const response = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'x y' } })
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('lists twelve catalogue products with integer fen prices and PNG pictures cached for good', async () => {
    const response = await app.request('GET', '/api/products')
    const { products } = response.json as {
      products: { sku: string; price: number; image_url: string }[]
    }
    expect(products).toHaveLength(12)
    for (const product of products) expect(Number.isInteger(product.price)).toBe(true)
    const urls = new Set(products.map((product) => product.image_url))
    // Issue #17: one picture per product, each under a name that changes with its bytes.
    expect(urls.size).toBe(12)
    for (const url of urls) expect(url).toMatch(/^\/images\/[a-z0-9-]+\.[0-9a-f]{10}\.png$/)
    const image = await fetch(`${app.url}${products[0]?.image_url ?? ''}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const bytes = Buffer.from(await image.arrayBuffer())
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(bytes.length).toBeLessThan(8 * 1024)
    // Width and height (IHDR): 320 × 320.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([320, 320])
    // An old or guessed name is not served.
    const sku = products[0]?.sku ?? ''
    expect((await fetch(`${app.url}/images/${sku}.svg`)).status).toBe(404)
    expect((await fetch(`${app.url}/images/${sku}.png`)).status).toBe(404)
  })

  it('serves the store config without any secret', async () => {
    const response = await app.request('GET', '/api/config')
    expect(response.json).toMatchObject({
      sandbox: true,
      wechat: { miniprogram_appid: 'wx0000000000000001' },
    })
    expect(response.text).not.toContain('secret')
  })

  it('answers readiness 503 once the database is gone', async () => {
    await app.deps.repository.close()
    const response = await app.request('GET', '/readyz')
    expect(response.status).toBe(503)
  })
})
