/**
 * The HTTP server settings every measured server runs with, so a ratio compares handlers and not
 * socket policy. The BFF gets the same values through its env (HEADERS_TIMEOUT_MS,
 * REQUEST_TIMEOUT_MS); keep-alive stays at Node's default in all of them.
 */
import type { Server } from 'node:http'

/** The shared server timeouts, in milliseconds. */
export const SERVER_OPTIONS = {
  keepAliveTimeout: 5000,
  headersTimeout: 10000,
  requestTimeout: 30000,
} as const

/** Applies SERVER_OPTIONS to a baseline server before it listens. */
export function applyServerOptions(server: Server): void {
  server.keepAliveTimeout = SERVER_OPTIONS.keepAliveTimeout
  server.headersTimeout = SERVER_OPTIONS.headersTimeout
  server.requestTimeout = SERVER_OPTIONS.requestTimeout
}
