import type { Router } from '@koa/router'

import type { DoctorReportBody } from '@quickpay/contracts'

import { strictRouter } from './strict-router'
import type { AppDeps } from '../app-deps'
import type { AppState } from '../app-state'
import { runDoctor } from '../doctor'
import { adminAccess } from '../middleware/admin-access'

/**
 * `GET /api/admin/doctor`: the checks of `pnpm doctor` (src/doctor/run-doctor.ts) on this
 * instance's own settings, as JSON for the console's 体检 page. Behind the admin door like every
 * /api/admin route; the lines are scrubbed of the settings' secrets by runDoctor, and the answer
 * is never stored by a cache.
 */
export function doctorRoutes(deps: AppDeps): Router<AppState> {
  const router = strictRouter()
  const admin = adminAccess(deps)
  const doctorDeps = {
    fetch: deps.fetch,
    ...(deps.env.DOCTOR_PAYMENT_DIRECTORY === undefined
      ? {}
      : { paymentDirectory: deps.env.DOCTOR_PAYMENT_DIRECTORY }),
    ...(deps.env.DOCTOR_OAUTH_DOMAIN === undefined
      ? {}
      : { oauthDomain: deps.env.DOCTOR_OAUTH_DOMAIN }),
  }
  router.get('/api/admin/doctor', admin, async (ctx) => {
    const report = await runDoctor(deps.env, doctorDeps)
    const body: DoctorReportBody = {
      ok: report.ok,
      checked_at: new Date(deps.clock.now()).toISOString(),
      lines: report.checks.map((check) => ({
        name: check.id,
        settings: [...check.settings],
        status: check.status,
        message: check.detail,
        ...(check.fix === undefined ? {} : { fix: check.fix }),
      })),
    }
    ctx.set('Cache-Control', 'no-store')
    ctx.body = body
  })
  return router
}
