import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'

import type { Channel } from '@quickpay/contracts'
import {
  SIMULATOR_DEFAULTS,
  SIMULATOR_FIXTURES,
  startSimulator,
  type RunningSimulator,
} from '@quickpay/simulator'

import { createRequestHandler } from '../../src/request-handler'
import type { AppDeps } from '../../src/app-deps'
import { createAppDeps } from '../../src/create-app-deps'
import { loadEnv } from '../../src/env'
import { createLogger } from '../../src/logger'
import { freshDatabase, type FreshDatabase, type TestDatabaseKind } from './databases'
import { fakeClock, type FakeClock } from './fake-clock'

/** Secrets planted in the settings; no response body or log line may ever contain one (S3). */
export const CANARIES = {
  NOTIFY_SECRET: 'canaryNotifySecret0123456789abcdef',
  ADMIN_TOKEN: 'canary-admin-token-0123456789abcdef',
}

/** An answer as a client saw it: status, headers, the raw text and the parsed JSON (if any). */
export interface TestResponse {
  status: number
  headers: Headers
  text: string
  json: unknown
}

/** A running BFF on 127.0.0.1:random with the simulator in-process and a fresh database. */
export interface TestApp {
  url: string
  sim: RunningSimulator
  deps: AppDeps
  clock: FakeClock
  /** Every log line the app wrote. */
  logs: string[]
  /** Every response body the tests received. */
  bodies: string[]
  /** Every session_key the simulator handed out (seen on the wire), for the S3 scan. */
  sessionKeys: string[]
  /** Sends a request to the BFF; `token` adds the Bearer header. */
  request(
    method: string,
    path: string,
    options?: {
      body?: unknown
      rawBody?: string
      token?: string
      headers?: Record<string, string>
    },
  ): Promise<TestResponse>
  /** Mints a login code in the simulator and exchanges it for a session token. */
  login(channel?: Channel, user?: string): Promise<string>
  close(): Promise<void>
}

/** Options of `startTestApp`. */
export interface TestAppOptions {
  db: TestDatabaseKind
  env?: Record<string, string>
  /** Reuse a running simulator (not closed by `close`). */
  sim?: RunningSimulator
  overrides?: Partial<AppDeps>
  /** Use this database (shared by several apps; not dropped by `close`) instead of a fresh one. */
  database?: FreshDatabase
}

/** Starts the BFF against the simulator and a fresh database, as a client would use it. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const sim = options.sim ?? (await startSimulator({ port: 0 }))
  const database = options.database ?? (await freshDatabase(options.db))
  const logs: string[] = []
  const bodies: string[] = []
  const sessionKeys: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'))
      done()
    },
  })
  const clock = fakeClock()
  const env = loadEnv({
    DATABASE_URL: database.url,
    PUBLIC_BASE_URL: 'http://127.0.0.1:9/',
    NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
    ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
    SANDBOX: 'true',
    LIANKE_BASE_URL: `${sim.url}/`,
    LIANKE_STORE_NO: SIMULATOR_DEFAULTS.storeNo,
    LIANKE_TIMEOUT_MS: '1500',
    LIANKE_DEADLINE_MS: '3000',
    WECHAT_API_BASE_URL: `${sim.url}/`,
    WECHAT_MINIPROGRAM_SECRET: SIMULATOR_DEFAULTS.wechatMiniprogram.secret,
    WECHAT_OA_SECRET: SIMULATOR_DEFAULTS.wechatOfficialAccount.secret,
    ALIPAY_GATEWAY_URL: `${sim.url}/gateway.do`,
    ALIPAY_PRIVATE_KEY_FILE: SIMULATOR_FIXTURES.alipayAppPrivateKeyPath,
    ALIPAY_PUBLIC_KEY_FILE: SIMULATOR_FIXTURES.alipayPublicKeyPath,
    LOGIN_TIMEOUT_MS: '1000',
    LOG_LEVEL: 'debug',
    RATE_LIMIT_SESSIONS_PER_MINUTE: '1000',
    RATE_LIMIT_ORDERS_PER_MINUTE: '1000',
    RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE: '1000',
    RATE_LIMIT_CLAIMS_PER_MINUTE: '1000',
    ...options.env,
  })
  // Observes (never alters) the BFF's outbound traffic to learn the session_keys handed out.
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    const url = input instanceof Request ? input.url : String(input)
    if (url.includes('jscode2session')) {
      const text = await response.clone().text()
      const match = /"session_key"\s*:\s*"([^"]+)"/.exec(text)
      if (match?.[1] !== undefined) sessionKeys.push(match[1])
    }
    return response
  }
  const deps = await createAppDeps(env, {
    clock,
    logger: createLogger('debug', sink),
    fetch: observingFetch,
    ...options.overrides,
  })
  const server: Server = createServer(createRequestHandler(deps))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const request: TestApp['request'] = async (method, path, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers }
    if (requestOptions.token !== undefined) headers.authorization = `Bearer ${requestOptions.token}`
    let body: string | undefined = requestOptions.rawBody
    if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    bodies.push(text)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  }

  const login: TestApp['login'] = async (channel = 'wechat-miniprogram', user = 'alice') => {
    const minted = await fetch(`${sim.url}/__sim/login-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, user }),
    })
    const { code } = (await minted.json()) as { code: string }
    const response = await request('POST', '/api/sessions', { body: { channel, code } })
    if (response.status !== 201)
      throw new Error(`login failed: ${response.status} ${response.text}`)
    return (response.json as { token: string }).token
  }

  return {
    url,
    sim,
    deps,
    clock,
    logs,
    bodies,
    sessionKeys,
    request,
    login,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await deps.sessionConfirmer.stop()
      await deps.repository.close()
      await deps.rateLimits.close()
      if (options.sim === undefined) await sim.close()
      if (options.database === undefined) await database.drop()
    },
  }
}

/** The simulator's call counters. */
export async function simStats(sim: RunningSimulator): Promise<{
  calls: Record<string, number>
  orders: Record<string, { jsapi_calls: number }>
}> {
  const response = await fetch(`${sim.url}/__sim/stats`)
  return (await response.json()) as {
    calls: Record<string, number>
    orders: Record<string, { jsapi_calls: number }>
  }
}

/** Sets simulator faults (`PUT /__sim/faults`). */
export async function setFaults(
  sim: RunningSimulator,
  faults: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  })
  if (!response.ok) throw new Error(`faults refused: ${await response.text()}`)
}

/** Clears simulator faults. */
export async function clearFaults(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' })
}

/** Reads a file of the simulator's fixtures (for canary scans of key material). */
export function fixtureText(path: string): string {
  return readFileSync(path, 'utf8')
}
