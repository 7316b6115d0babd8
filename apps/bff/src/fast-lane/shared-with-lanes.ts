import type { Env } from '../env'
import {
  recordHelmetHeaders,
  securityHeadersOptions,
  type HelmetHeaders,
} from '../middleware/security-headers'
import { SettledCopies } from '../services/settled-copies'

/**
 * What the Koa app and the lanes in front of it (request-handler.ts) must hold in common, built
 * once per process: the security headers both set, and the notification copies the app's notify
 * route remembers and the notification lane acknowledges.
 */
export interface SharedWithLanes {
  /** Helmet's headers, recorded once for this deployment (reading STATIC_DIR's index.html). */
  helmet: HelmetHeaders
  /** The notifications known stored for settled orders (services/settled-copies.ts). */
  settledCopies: SettledCopies
}

/** A fresh set for one app with these settings. */
export function sharedWithLanes(env: Env): SharedWithLanes {
  return {
    helmet: recordHelmetHeaders(securityHeadersOptions(env)),
    settledCopies: new SettledCopies(),
  }
}
