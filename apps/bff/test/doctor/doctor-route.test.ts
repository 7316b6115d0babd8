import { doctorReportSchema } from '@quickpay/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DOCTOR_CHECK_IDS } from '../../src/doctor'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

describe('GET /api/admin/doctor', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ db: 'sqlite', env: { RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE: '2' } })
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers the doctor’s lines as JSON, uncached, with the fix of each ✗ and no secret', async () => {
    const answer = await app.request('GET', '/api/admin/doctor', { token: CANARIES.ADMIN_TOKEN })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const report = doctorReportSchema.parse(answer.json)
    // Every line of pnpm doctor but redis (REDIS_URL is unset), in the doctor's order.
    expect(report.lines.map((line) => line.name)).toEqual(
      DOCTOR_CHECK_IDS.filter((id) => id !== 'redis'),
    )
    // The test app's PUBLIC_BASE_URL (port 9) cannot be reached: that line, and so the report, fails.
    const notify = report.lines.find((line) => line.name === 'notify-url')
    expect(notify?.status).toBe('fail')
    expect(notify?.fix).toBeTruthy()
    expect(report.ok).toBe(false)
    expect(report.lines.find((line) => line.name === 'aggregator')?.status).toBe('ok')
    for (const secret of Object.values(CANARIES)) expect(answer.text).not.toContain(secret)
  })

  it('is behind the admin door, whose refusals are rate limited', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 3; i += 1) {
      const answer = await app.request('GET', '/api/admin/doctor', {
        token: `wrong-admin-token-${i}-0123456789`,
      })
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([401, 401, 429])
  })
})
