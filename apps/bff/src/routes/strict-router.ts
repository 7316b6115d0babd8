import { Router } from '@koa/router'

import type { AppState } from '../app-state'

/**
 * A router whose paths match exactly as written: case-sensitive (`/NOTIFY/LIANKE/…` is not the
 * notify route) and with no trailing-slash variants, so one resource has one spelling and logs,
 * proxies and rate limits see the same path the router does.
 */
export function strictRouter(): Router<AppState> {
  return new Router<AppState>({ sensitive: true, strict: true })
}
