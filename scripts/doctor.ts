/**
 * `pnpm doctor`: checks the BFF's settings against what they point at (WeChat, Alipay, the
 * aggregator, the database, the public URL) and prints ✓ / ✗ / ? with the fix for each ✗; exits 1
 * when any line is ✗. It reads the settings as the BFF does: the environment, plus `.env` at the
 * root when present. `pnpm doctor --demo` checks the settings `pnpm start` hands the BFF instead.
 * Doctor-only settings (the BFF reads them only for GET /api/admin/doctor): DOCTOR_PAYMENT_DIRECTORY
 * (the WeChat Pay payment directory you registered) and DOCTOR_OAUTH_DOMAIN (the official account's
 * web-authorisation domain).
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { EnvError, loadEnv } from '../apps/bff/src/env'
import { formatDoctorReport, runDoctor } from '../apps/bff/src/doctor'
import { demoEnvironment } from './lib/demo-environment'

const root = resolve(import.meta.dirname, '..')
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'))
const demo = process.argv.includes('--demo')
const source = demo ? demoEnvironment(root, process.env) : process.env

let env
try {
  env = loadEnv(source)
} catch (error) {
  if (!(error instanceof EnvError)) throw error
  console.error(`✗ settings: ${error.message}`)
  console.error(
    demo
      ? '    fix: correct the settings named above.'
      : '    fix: set them in the environment or in .env (see .env.example); to check the demo that `pnpm start` runs, use `pnpm doctor --demo`.',
  )
  process.exit(1)
}

const optional = (name: string): string | undefined => {
  const value = process.env[name]
  return value === undefined || value === '' ? undefined : value
}
const paymentDirectory = optional('DOCTOR_PAYMENT_DIRECTORY')
const oauthDomain = optional('DOCTOR_OAUTH_DOMAIN')

console.log(
  `Checking the BFF's settings${demo ? ' (the demo of `pnpm start`)' : ''} against the services they name…\n`,
)
const report = await runDoctor(env, {
  weappProjectConfigPath: join(root, 'apps/miniapp/dist/weapp/project.config.json'),
  alipayProjectConfigPath: join(root, 'apps/miniapp/dist/alipay/mini.project.json'),
  ...(paymentDirectory === undefined ? {} : { paymentDirectory }),
  ...(oauthDomain === undefined ? {} : { oauthDomain }),
})
console.log(formatDoctorReport(report))
process.exit(report.ok ? 0 : 1)
