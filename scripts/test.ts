/**
 * `pnpm test`: runs every suite in dependency order (contracts, SDK, simulator, BFF, store, E2E),
 * shows each runner's own output, and ends with one line `N passed, N failed` over all suites.
 * The BFF suite also runs on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

interface Suite {
  name: string
  dir: string
}

interface VitestJson {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  success: boolean
}

const root = resolve(import.meta.dirname, '..')
const suites: Suite[] = [
  { name: 'contracts', dir: 'packages/contracts' },
  { name: 'simulator', dir: 'packages/simulator' },
  { name: 'lianke SDK', dir: 'packages/lianke' },
  { name: 'BFF', dir: 'apps/bff' },
  { name: 'store', dir: 'apps/miniapp' },
  { name: 'E2E (Chromium)', dir: 'e2e' },
]

const only = process.argv.slice(2)
const selected =
  only.length > 0 ? suites.filter((suite) => only.some((o) => suite.dir.includes(o))) : suites

function run(suite: Suite, reportFile: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(
      'pnpm',
      [
        'exec',
        'vitest',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reportFile}`,
      ],
      { cwd: join(root, suite.dir), stdio: 'inherit', env: process.env },
    )
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)))
  })
}

const reports = mkdtempSync(join(tmpdir(), 'quickpay-test-'))
let passed = 0
let failed = 0
const lines: string[] = []
for (const suite of selected) {
  const started = Date.now()
  console.log(`\n━━ ${suite.name} (${suite.dir}) ━━`)
  const reportFile = join(reports, `${suite.dir.replaceAll('/', '-')}.json`)
  const exitCode = await run(suite, reportFile)
  let report: VitestJson | undefined
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJson
  } catch {
    report = undefined
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (report === undefined) {
    // A suite that crashed before reporting, or ran nothing, counts as one failure.
    failed += 1
    lines.push(`${suite.name}: no report (exit ${exitCode}) — counted as 1 failed, ${seconds} s`)
    continue
  }
  const suiteFailed =
    report.numFailedTests + (exitCode !== 0 && report.numFailedTests === 0 ? 1 : 0)
  const ranNothing = report.numPassedTests + report.numFailedTests === 0
  passed += report.numPassedTests
  failed += suiteFailed + (ranNothing ? 1 : 0)
  lines.push(
    `${suite.name}: ${report.numPassedTests} passed, ${suiteFailed} failed` +
      (ranNothing ? ' (ran no test: counted as 1 failed)' : '') +
      `, ${seconds} s`,
  )
}
rmSync(reports, { recursive: true, force: true })

console.log('\n━━ summary ━━')
for (const line of lines) console.log(line)
if (!process.env.TEST_DATABASE_URL) {
  console.log('(TEST_DATABASE_URL is not set: the BFF suite ran on SQLite only)')
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
