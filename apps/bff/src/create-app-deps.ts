import { readFileSync } from 'node:fs'

import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

import { createLiankeClient } from '@quickpay/lianke'

import type { AppDeps } from './app-deps'
import { CatalogueSnapshot } from './catalogue/catalogue-snapshot'
import { seedCatalogue } from './catalogue/seed-catalogue'
import { systemClock } from './clock'
import type { Env } from './env'
import { createPlatformIdentityProvider } from './identity/platform-identity-provider'
import { createLogger, createRequestLineLogger } from './logger'
import { createMetrics } from './metrics/create-metrics'
import { createRateLimits } from './rate-limit/create-rate-limits'
import { createOrderConfirmer } from './services/order-confirmer'
import { createReconciler } from './services/reconciler'
import { retryPendingRefund } from './services/refund-order'
import { SessionCache } from './services/session-cache'
import { startSessionConfirmer } from './services/session-confirmer'
import { createRepository } from './store/create-repository'

/**
 * Builds every dependency from the settings: opens and migrates the database, seeds the
 * catalogue, creates the aggregator client and the identity providers. `overrides` replace any
 * part (tests inject a clock, a capturing logger, a fake confirmer …).
 */
export async function createAppDeps(env: Env, overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  const clock = overrides.clock ?? systemClock
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL)
  // A test's capturing logger gets the request lines too, as they are written.
  const requestLines =
    overrides.requestLines ??
    (overrides.logger === undefined
      ? createRequestLineLogger(env.LOG_LEVEL)
      : logger.child({}, { redact: [] }))
  const httpFetch = overrides.fetch ?? fetch
  const repository =
    overrides.repository ??
    (await createRepository(env.DATABASE_URL, {
      onCacheFailure(error) {
        logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          "could not confirm the shoppers' cached orders; each is read again when next polled",
        )
      },
    }))
  await seedCatalogue(repository)
  const catalogue =
    overrides.catalogue ??
    (env.CATALOGUE_MAX_AGE_MS === 0
      ? repository.catalogue
      : new CatalogueSnapshot(repository.catalogue, env.CATALOGUE_MAX_AGE_MS))
  // One owner per process life: a restart is a new owner under the same name, and what the earlier
  // life held (in-flight keys here, reconciler leases on its first tick) is given back at once.
  const instanceName = env.INSTANCE_NAME ?? `${hostname()}:${env.PORT}`
  const instanceOwner =
    overrides.instanceOwner ?? `${instanceName}#${randomBytes(4).toString('hex')}`
  const freedKeys = await repository.idempotency.releaseEarlierLives(
    instanceName,
    instanceOwner,
    clock.now(),
  )
  if (freedKeys > 0) logger.info({ freed: freedKeys }, 'released the keys of an earlier life')
  const metrics =
    overrides.metrics ??
    createMetrics({ countOrdersByStatus: () => repository.orders.countByStatus() })
  const rateLimits =
    overrides.rateLimits ??
    (await createRateLimits({
      redisUrl: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      logger,
      onDegraded: (degraded) => metrics.setRateLimitsDegraded(degraded),
    }))
  await rateLimits.ready()
  const lianke =
    overrides.lianke ??
    createLiankeClient({
      baseUrl: env.LIANKE_BASE_URL,
      storeNo: env.LIANKE_STORE_NO,
      operator: env.LIANKE_OPERATOR,
      timeoutMs: env.LIANKE_TIMEOUT_MS,
      deadlineMs: env.LIANKE_DEADLINE_MS,
      allowAlipayOpenId: env.ALIPAY_OPEN_ID_PASSTHROUGH,
      // The SDK's own transport (undici's request) unless a test hands in a fetch to watch.
      ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
      onCall: (event) => metrics.observeUpstream(event),
    })
  const alipayKeys =
    env.ALIPAY_PRIVATE_KEY_FILE !== undefined && env.ALIPAY_PUBLIC_KEY_FILE !== undefined
      ? {
          privateKey: readFileSync(env.ALIPAY_PRIVATE_KEY_FILE, 'utf8'),
          alipayPublicKey: readFileSync(env.ALIPAY_PUBLIC_KEY_FILE, 'utf8'),
        }
      : undefined
  if (alipayKeys === undefined) {
    logger.warn('ALIPAY_PRIVATE_KEY_FILE / ALIPAY_PUBLIC_KEY_FILE unset: Alipay logins answer 503')
  }
  const identity =
    overrides.identity ??
    createPlatformIdentityProvider({
      wechatBaseUrl: env.WECHAT_API_BASE_URL,
      miniprogram: { appid: env.WECHAT_MINIPROGRAM_APPID, secret: env.WECHAT_MINIPROGRAM_SECRET },
      officialAccount: { appid: env.WECHAT_OA_APPID, secret: env.WECHAT_OA_SECRET },
      alipay:
        alipayKeys === undefined
          ? undefined
          : {
              gateway: env.ALIPAY_GATEWAY_URL,
              appId: env.ALIPAY_APPID,
              ...alipayKeys,
              openIdPassthrough: env.ALIPAY_OPEN_ID_PASSTHROUGH,
            },
      timeoutMs: env.LOGIN_TIMEOUT_MS,
      fetch: httpFetch,
    })
  const confirmer =
    overrides.confirmer ??
    createOrderConfirmer({
      repository,
      lianke,
      clock,
      logger,
      storeNo: env.LIANKE_STORE_NO,
      windowMs: env.QUERY_COALESCE_MS,
    })
  const reconciler =
    overrides.reconciler ??
    createReconciler({
      repository,
      confirmer,
      clock,
      logger,
      intervalMs: env.RECONCILE_INTERVAL_MS,
      firstDelayMs: env.ms.reconcileAfter,
      maxDelayMs: env.ms.reconcileMaxBackoff,
      instanceName,
      owner: instanceOwner,
      leaseMs: env.ms.reconcileLease,
      retryRefund: (refund) => retryPendingRefund({ repository, lianke, clock, logger }, refund),
    })
  const sessions = overrides.sessions ?? new SessionCache()
  const sessionConfirmer =
    overrides.sessionConfirmer ?? startSessionConfirmer(sessions, { repository, clock, logger })
  return {
    env,
    repository,
    catalogue,
    lianke,
    identity,
    clock,
    logger,
    requestLines,
    confirmer,
    reconciler,
    metrics,
    instanceOwner,
    sessions,
    sessionConfirmer,
    rateLimits,
    fetch: httpFetch,
  }
}
