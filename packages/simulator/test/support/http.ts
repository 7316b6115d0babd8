import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** POSTs JSON and returns the status and the parsed body. */
export async function postJson<T>(
  url: string,
  body: unknown,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/** GETs JSON and returns the status and the parsed body. */
export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url)
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

/** A real receiver on 127.0.0.1:0 that records bodies and answers what `answer` says. */
export interface Receiver {
  url: string
  bodies: Record<string, unknown>[]
  close(): Promise<void>
}

/** Starts a notification receiver; `answer(n)` gives the n-th (1-based) request's status and body. */
export async function startReceiver(
  answer: (n: number) => { status?: number; body: string },
): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = []
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
      const reply = answer(bodies.length)
      res.statusCode = reply.status ?? 200
      res.end(reply.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/notify`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Polls `check` every 10 ms until it is true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Waits `ms` (to show that something does NOT happen). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
