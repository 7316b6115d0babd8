import type { DoctorReport } from './run-doctor'

const MARKS = { ok: '✓', fail: '✗', unknown: '?' } as const

/** The report as the terminal shows it: one `✓ / ✗ / ?` line per check, the fix under each ✗ and ?, a summary last. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = []
  for (const check of report.checks) {
    lines.push(`${MARKS[check.status]} ${check.id} (${check.settings.join(', ')}): ${check.detail}`)
    if (check.fix !== undefined && check.status !== 'ok') lines.push(`    fix: ${check.fix}`)
  }
  const count = (status: keyof typeof MARKS) =>
    report.checks.filter((check) => check.status === status).length
  lines.push('')
  lines.push(
    `${count('ok')} ✓, ${count('fail')} ✗, ${count('unknown')} ? — ${report.ok ? 'nothing is known to be wrong' : 'fix each ✗ above, then run the doctor again'}.`,
  )
  return lines.join('\n')
}
