import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Serves `listener` on a free loopback port (the lane tests' servers: lane only, Koa only, both). */
export async function serve(listener: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** The base URL `serve` listens on. */
export const urlOf = (server: Server): string =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`

/** Closes `servers` and their keep-alive connections. */
export async function closeAll(servers: readonly Server[]): Promise<void> {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** The headers of an answer that say something about it (not the connection's or the clock's). */
export function answerHeaders(response: Response): Record<string, string> {
  const skipped = new Set(['date', 'connection', 'keep-alive', 'x-request-id'])
  return Object.fromEntries([...response.headers].filter(([name]) => !skipped.has(name)))
}
