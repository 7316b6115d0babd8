import { readFileSync } from 'node:fs'

import type { Env } from '../env'
import type { DoctorCheck } from './doctor-check'

/** The secret values among the settings, and the Alipay private key's body lines when readable. */
function secretsOf(env: Env): string[] {
  const values = [
    env.NOTIFY_SECRET,
    env.ADMIN_TOKEN,
    env.WECHAT_MINIPROGRAM_SECRET,
    env.WECHAT_OA_SECRET,
  ]
  for (const url of [env.DATABASE_URL, env.REDIS_URL ?? '']) {
    const password = /\/\/[^:/@]*:([^@/]+)@/.exec(url)?.[1]
    if (password !== undefined) values.push(password, decodeURIComponent(password))
  }
  if (env.ALIPAY_PRIVATE_KEY_FILE !== undefined) {
    try {
      const body = readFileSync(env.ALIPAY_PRIVATE_KEY_FILE, 'utf8')
      values.push(
        ...body.split(/\s+/).filter((part) => part.length >= 16 && !part.includes('-----')),
      )
    } catch {
      // An unreadable file has nothing to leak.
    }
  }
  return values.filter((value) => value.length >= 4)
}

/**
 * Replaces every secret value in the lines' texts with `[secret]`: the checks never put one there,
 * and this makes sure a message quoted from upstream cannot either.
 */
export function redactSecrets(checks: DoctorCheck[], env: Env): DoctorCheck[] {
  const secrets = secretsOf(env)
  const scrub = (text: string): string =>
    secrets.reduce((out, secret) => out.split(secret).join('[secret]'), text)
  return checks.map((check) => {
    const detail = scrub(check.detail)
    return check.fix === undefined
      ? { ...check, detail }
      : { ...check, detail, fix: scrub(check.fix) }
  })
}
