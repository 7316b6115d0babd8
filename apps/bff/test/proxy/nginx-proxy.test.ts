import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort, startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, type FreshDatabase } from '../support/databases'
import { CART } from '../support/orders'
import { CANARIES } from '../support/test-app'
import { httpsRequest, type HttpsAnswer } from './https-request'
import { requireNginx, startNginx, type NginxServer } from './nginx-server'
import { selfSignedCertificate, type Certificate } from './self-signed-certificate'
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process'

const SESSIONS_PER_MINUTE = 4
const HSTS = 'max-age=31536000; includeSubDomains'

describe('the BFF behind nginx (deploy/nginx/quickpay.conf, TRUST_PROXY_HOPS=1)', () => {
  let dir: string
  let certificate: Certificate
  let database: FreshDatabase
  let sim: SimulatorProcess
  let bff: BffProcess
  let nginx: NginxServer

  beforeAll(async () => {
    requireNginx()
    dir = mkdtempSync(join(tmpdir(), 'bff-nginx-'))
    certificate = selfSignedCertificate(dir)
    const staticDir = join(dir, 'store')
    mkdirSync(join(staticDir, 'js'), { recursive: true })
    writeFileSync(
      join(staticDir, 'index.html'),
      '<!doctype html><title>QuickPay 小店</title><div id="app"></div>',
    )
    writeFileSync(join(staticDir, 'js', 'app.0123abcd.js'), 'console.log("store")')
    const [simPort, httpsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
    sim = await startSimulatorProcess(simPort, certificate.certPath)
    database = await freshDatabase('sqlite')
    // startBffProcess reads only the simulator's URL; this one runs as a child (see simulator-process.ts).
    bff = await startBffProcess({
      databaseUrl: database.url,
      sim: { url: sim.url } as RunningSimulator,
      env: {
        TRUST_PROXY_HOPS: '1',
        PUBLIC_BASE_URL: `https://127.0.0.1:${httpsPort}`,
        STATIC_DIR: staticDir,
        RATE_LIMIT_SESSIONS_PER_MINUTE: String(SESSIONS_PER_MINUTE),
        // The notification must be what confirms the payment: no poll or reconciler Query first.
        POLL_QUERY_AFTER_SECONDS: '600',
        RECONCILE_AFTER_SECONDS: '600',
      },
    })
    nginx = await startNginx({ dir, certificate, httpsPort, httpPort, bffPort: bff.port })
  })

  afterAll(async () => {
    await nginx?.stop()
    await bff?.stop()
    await sim?.stop()
    await database?.drop()
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  const call = (
    path: string,
    options: {
      method?: string
      body?: unknown
      token?: string
      headers?: Record<string, string>
    } = {},
  ): Promise<HttpsAnswer> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    return httpsRequest(`${nginx.httpsUrl}${path}`, {
      ca: certificate.pem,
      method: options.method ?? 'GET',
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
  }

  it('drives a purchase through the proxy: sandbox login, order, sandbox payment, paid by the notification', async () => {
    const session = await call('/api/sandbox/sessions', {
      method: 'POST',
      body: { channel: 'wechat-miniprogram' },
    })
    expect(session.status, session.text).toBe(201)
    const token = (JSON.parse(session.text) as { token: string }).token

    const created = await call('/api/orders', {
      method: 'POST',
      token,
      body: CART,
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(created.status, created.text).toBe(201)
    const orderNo = (JSON.parse(created.text) as { order: { order_no: string } }).order.order_no

    const paid = await call('/api/sandbox/payments', {
      method: 'POST',
      token,
      body: { order_no: orderNo, outcome: 'success' },
    })
    expect(paid.status, paid.text).toBe(200)

    // The simulator notifies https://127.0.0.1:<nginx>/notify/lianke/<secret>; nginx passes it on.
    let timeline: { kind: string; detail: { outcome?: string } }[] = []
    const until = Date.now() + 10_000
    while (Date.now() < until) {
      const detail = await call(`/api/admin/orders/${orderNo}`, { token: CANARIES.ADMIN_TOKEN })
      expect(detail.status, detail.text).toBe(200)
      timeline = (JSON.parse(detail.text) as { timeline: typeof timeline }).timeline
      if (timeline.some((event) => event.kind === 'notification')) break
      await new Promise((done) => setTimeout(done, 100))
    }
    expect(
      timeline
        .filter((event) => event.kind === 'notification')
        .map((event) => event.detail.outcome),
    ).toContain('paid')
    const order = await call(`/api/orders/${orderNo}`, { token })
    expect((JSON.parse(order.text) as { order: { status: string } }).order.status).toBe('paid')
  })

  it('serves the static store and the API over TLS with one HSTS header, and redirects plain http', async () => {
    const page = await call('/pages/store/index')
    expect(page.status).toBe(200)
    expect(page.text).toContain('QuickPay 小店')
    expect(page.headers['strict-transport-security']).toBe(HSTS)
    const asset = await call('/js/app.0123abcd.js')
    expect(asset.text).toBe('console.log("store")')
    const health = await call('/healthz')
    expect(health.status).toBe(200)
    expect(health.headers['strict-transport-security']).toBe(HSTS)
    // The request id nginx generated reached the BFF, which echoes it.
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/)
    expect((await call('/metrics')).status).toBe(404)

    const plain = await fetch(`${nginx.httpUrl}/pages/store/index`, { redirect: 'manual' })
    expect(plain.status).toBe(301)
    expect(plain.headers.get('location')).toBe(`https://127.0.0.1/pages/store/index`)
  })

  it('keeps one rate-limit bucket per client however X-Forwarded-For is spoofed', async () => {
    const statuses: number[] = []
    for (let i = 0; i < SESSIONS_PER_MINUTE + 2; i++) {
      const answer = await call('/api/sessions', {
        method: 'POST',
        body: { channel: 'wechat-miniprogram', code: 'spoofed' },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      })
      statuses.push(answer.status)
    }
    // Each spoofed address would have had a fresh bucket; nginx's own entry is what counts.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2)
    expect(statuses.slice(0, SESSIONS_PER_MINUTE)).not.toContain(429)

    // The control: the BFF does key on the forwarded address, so the proxy's entry is the one
    // that decides. (A client reaching the BFF directly could choose it: keep the BFF on loopback.)
    const direct = await fetch(`${bff.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' },
      body: JSON.stringify({ channel: 'wechat-miniprogram', code: 'spoofed' }),
    })
    expect(direct.status).not.toBe(429)
  })

  it('keeps the notify secret out of nginx’s access log', () => {
    const access = readFileSync(join(dir, 'access.log'), 'utf8')
    expect(access).toContain('/api/sandbox/sessions')
    expect(access).not.toContain(CANARIES.NOTIFY_SECRET)
  })
})
