import type { LiankeClient } from '@quickpay/lianke'

import type { ProductLookup } from './catalogue/catalogue-snapshot'
import type { Clock } from './clock'
import type { Env } from './env'
import type { IdentityProvider } from './identity/identity-provider'
import type { Logger } from './logger'
import type { Metrics } from './metrics/create-metrics'
import type { RateLimits } from './rate-limit/create-rate-limits'
import type { OrderConfirmer } from './services/order-confirmer'
import type { Reconciler } from './services/reconciler'
import type { SessionCache } from './services/session-cache'
import type { SessionConfirmer } from './services/session-confirmer'
import type { Repository } from './store/repository'

/** Everything the app needs, built once by `createAppDeps` (or by tests) and passed to `createApp`. */
export interface AppDeps {
  env: Env
  repository: Repository
  /** Where carts are priced from and products listed: a snapshot of the catalogue table. */
  catalogue: ProductLookup
  lianke: LiankeClient
  identity: IdentityProvider
  clock: Clock
  logger: Logger
  /** The writer of the one line per request: buffered, unredacted (logger.ts says why). */
  requestLines: Logger
  /** The coalesced Query behind notifications, polls, claims and the reconciler. */
  confirmer: OrderConfirmer
  reconciler: Reconciler
  /** The app's Prometheus instruments (a registry per app). */
  metrics: Metrics
  /**
   * This process life, `<INSTANCE_NAME>#<boot>`: the owner of the reconciler's leases and of the
   * idempotency locks it takes, so a restart can give back what the previous life held.
   */
  instanceOwner: string
  /**
   * The shopper sessions read lately, shared by `requireSession` and the order poll's lane, and
   * the background reads that keep those in use confirmed (services/session-confirmer.ts).
   */
  sessions: SessionCache
  sessionConfirmer: SessionConfirmer
  /** The rate limits, on Redis when REDIS_URL is set (shared by every instance), else in process. */
  rateLimits: RateLimits
  /** The transport for the sandbox wallet forward (tests may wrap it); default the global fetch. */
  fetch: typeof fetch
}
