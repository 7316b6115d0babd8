import type { Env } from '../env'
import { checkAggregator } from './check-aggregator'
import { checkAlipayGateway } from './check-alipay-gateway'
import { checkAlipayKeys } from './check-alipay-keys'
import { checkAlipayUserId } from './check-alipay-user-id'
import { checkDatabase } from './check-database'
import { checkOauthDomain, checkPaymentDirectory } from './check-h5'
import { checkNotifyUrl } from './check-notify-url'
import { checkPublicUrl } from './check-public-url'
import { checkRedis } from './check-redis'
import { checkStoreBuild } from './check-store-build'
import { checkWechat } from './check-wechat'
import { DOCTOR_CHECK_IDS, type DoctorCheck } from './doctor-check'
import { resolveDoctorDeps, type DoctorDeps } from './doctor-deps'
import { loadAlipayKeys } from './load-alipay-keys'
import { redactSecrets } from './redact-secrets'

/** The doctor's findings: one line per check, in DOCTOR_CHECK_IDS order; `ok` when no line is ✗. */
export interface DoctorReport {
  ok: boolean
  checks: DoctorCheck[]
}

/**
 * Checks the BFF's settings against the world they point at (see the doctor section of
 * docs/production.md). Probes run concurrently, change no order and create nothing upstream; every
 * text is scrubbed of the settings' secrets before it is returned.
 */
export async function runDoctor(env: Env, doctorDeps: DoctorDeps = {}): Promise<DoctorReport> {
  const deps = resolveDoctorDeps(doctorDeps)
  const keys = await loadAlipayKeys(env)
  const alipayKeys = checkAlipayKeys(env, keys)
  const [publicUrl, notifyUrl, wechat, alipayGateway, aggregator, database, redis] =
    await Promise.all([
      checkPublicUrl(env, deps),
      checkNotifyUrl(env, deps),
      checkWechat(env, deps),
      checkAlipayGateway(env, deps, keys, alipayKeys),
      checkAggregator(env, deps),
      checkDatabase(env, deps),
      checkRedis(env, deps),
    ])
  const found = [
    publicUrl,
    notifyUrl,
    ...wechat,
    checkStoreBuild(env, deps),
    alipayKeys,
    alipayGateway,
    checkAlipayUserId(env, database.alipayPayerIds),
    ...aggregator,
    ...database.lines,
    ...redis,
    checkPaymentDirectory(env, deps),
    checkOauthDomain(env, deps),
  ]
  const order = (check: DoctorCheck) => DOCTOR_CHECK_IDS.indexOf(check.id)
  const checks = redactSecrets(
    found.sort((a, b) => order(a) - order(b)),
    env,
  )
  return { ok: checks.every((check) => check.status !== 'fail'), checks }
}
