import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request as httpRequest } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestApp, type TestApp } from '../support/test-app'

/** A raw GET, so `..` segments reach the server as sent (fetch would normalise them away). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = httpRequest({ host: target.hostname, port: target.port, path }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('serving the built console at /console/', () => {
  let root: string
  let store: string
  let app: TestApp
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'console-dist-'))
    mkdirSync(join(root, 'assets'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>')
    writeFileSync(join(root, 'assets', 'index-1a2b3c4d.js'), 'console.log(1)')
    store = mkdtempSync(join(tmpdir(), 'store-dist-'))
    writeFileSync(join(store, 'index.html'), '<!doctype html><title>store</title>')
    app = await startTestApp({ db: 'sqlite', env: { CONSOLE_DIR: root, STATIC_DIR: store } })
  })
  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
    rmSync(store, { recursive: true, force: true })
  })

  it('answers the console page for /console/ and its client routes, never the store', async () => {
    for (const path of ['/console/', '/console/orders', '/console/orders/Q2026010112000012345']) {
      const response = await app.request('GET', path)
      expect(response.status).toBe(200)
      expect(response.text).toContain('<title>console</title>')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    }
    expect((await app.request('GET', '/')).text).toContain('<title>store</title>')
  })

  it('redirects /console to /console/ and serves hashed assets for a year', async () => {
    const bare = await fetch(`${app.url}/console`, { redirect: 'manual' })
    expect(bare.status).toBe(308)
    expect(bare.headers.get('location')).toBe('/console/')
    const asset = await app.request('GET', '/console/assets/index-1a2b3c4d.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toContain('text/javascript')
    expect(asset.headers.get('cache-control')).toContain('immutable')
  })

  it('answers 404 for a missing console file and never leaves the console folder', async () => {
    for (const path of [
      '/console/assets/missing-00000000.js',
      '/console/%2e%2e/%2e%2e/etc/passwd',
      '/console/../../../../etc/passwd',
      '/console/api/admin/orders',
    ]) {
      const response = await rawGet(app.url, path)
      expect(`${path} → ${response.status}`).toBe(`${path} → 404`)
      expect(response.body).not.toContain('<title>store</title>')
      expect(response.body).not.toContain('root:')
    }
  })
})
