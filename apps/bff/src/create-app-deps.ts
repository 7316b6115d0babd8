import { readFileSync } from 'node:fs'

import { createLiankeClient } from '@quickpay/lianke'

import type { AppDeps } from './app-deps'
import { seedCatalogue } from './catalogue/seed-catalogue'
import { systemClock } from './clock'
import type { Env } from './env'
import { createPlatformIdentityProvider } from './identity/platform-identity-provider'
import { createLogger } from './logger'
import { noopConfirmer } from './services/order-confirmer'
import { noopReconciler } from './services/reconciler'
import { createRepository } from './store/create-repository'

/**
 * Builds every dependency from the settings: opens and migrates the database, seeds the
 * catalogue, creates the aggregator client and the identity providers. `overrides` replace any
 * part (tests inject a clock, a capturing logger, a fake confirmer …).
 */
export async function createAppDeps(env: Env, overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  const clock = overrides.clock ?? systemClock
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL)
  const httpFetch = overrides.fetch ?? fetch
  const repository = overrides.repository ?? (await createRepository(env.DATABASE_URL))
  await seedCatalogue(repository)
  const lianke =
    overrides.lianke ??
    createLiankeClient({
      baseUrl: env.LIANKE_BASE_URL,
      storeNo: env.LIANKE_STORE_NO,
      operator: env.LIANKE_OPERATOR,
      timeoutMs: env.LIANKE_TIMEOUT_MS,
      deadlineMs: env.LIANKE_DEADLINE_MS,
      allowAlipayOpenId: env.ALIPAY_OPEN_ID_PASSTHROUGH,
      fetch: httpFetch,
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
  return {
    env,
    repository,
    lianke,
    identity,
    clock,
    logger,
    confirmer: overrides.confirmer ?? noopConfirmer,
    reconciler: overrides.reconciler ?? noopReconciler,
    fetch: httpFetch,
  }
}
