import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApp, type TestApp } from '../support/test-app'

/** A raw GET, so `..` segments reach the server unnormalised. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = httpRequest(
      { host: target.hostname, port: target.port, path, method: 'GET' },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** A raw GET with `headers`, answering the bytes as sent (fetch would decode them). */
function rawGetWith(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = httpRequest(
      { host: target.hostname, port: target.port, path, method: 'GET', headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('serving the built H5 store', () => {
  let root: string
  let app: TestApp
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bff-static-'))
    mkdirSync(join(root, 'site', 'js'), { recursive: true })
    writeFileSync(join(root, 'site', 'index.html'), '<!doctype html><title>store</title>')
    writeFileSync(join(root, 'site', 'js', 'app.3f9a1c2b.js'), 'console.log(1)')
    writeFileSync(join(root, 'site', 'js', 'app.3f9a1c2b.js.gz'), gzipSync('console.log(1)'))
    writeFileSync(join(root, 'secret.txt'), 'outside')
    app = await startTestApp({ db: 'sqlite', env: { STATIC_DIR: join(root, 'site') } })
  })
  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('serves index.html at / without caching and hashed assets for a year', async () => {
    const index = await fetch(`${app.url}/`)
    expect(index.headers.get('content-type')).toContain('text/html')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(`${app.url}/js/app.3f9a1c2b.js`)
    expect(asset.headers.get('content-type')).toContain('text/javascript')
    expect(asset.headers.get('cache-control')).toContain('immutable')
  })

  it('sends a precompressed copy only to a client that accepts it, varying on Accept-Encoding', async () => {
    const path = '/js/app.3f9a1c2b.js'
    const zipped = await rawGetWith(app.url, path, { 'accept-encoding': 'gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(zipped.body).toString()).toBe('console.log(1)')
    expect(zipped.headers.vary).toBe('Accept-Encoding')
    const plain = await rawGetWith(app.url, path, { 'accept-encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe('console.log(1)')
    expect(plain.headers.vary).toBe('Accept-Encoding')
  })

  it('falls back to index.html for page routes but not for API paths or missing files', async () => {
    const page = await fetch(`${app.url}/pages/order/index?order_no=Q1`)
    expect(await page.text()).toContain('<title>store</title>')
    const api = await fetch(`${app.url}/api/unknown`)
    expect(api.status).toBe(404)
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    const missing = await fetch(`${app.url}/js/missing.js`)
    expect(missing.status).toBe(404)
  })

  it('never serves a file outside STATIC_DIR', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/js/..%2f..%2fsecret.txt']) {
      const response = await rawGet(app.url, path)
      expect(response.body).not.toContain('outside')
    }
  })
})
