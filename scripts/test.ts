/**
 * `pnpm test`: runs every suite in dependency order (contracts, SDK, simulator, BFF, store, E2E),
 * shows each runner's own output, and ends with one line `N passed, N failed` over all suites.
 * The BFF suite also runs on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

interface Suite {
  name: string
  dir: string
  /** Why the suite cannot run on this machine, in one line saying what to run; checked first. */
  missing?: () => string | undefined
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
  { name: 'E2E (Chromium)', dir: 'e2e', missing: missingChromium },
]

/** The browser e2e/support/browser.ts launches: CHROMIUM_PATH, else Debian's. */
function missingChromium(): string | undefined {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  try {
    accessSync(path, constants.X_OK)
    return undefined
  } catch {
    return process.env.CHROMIUM_PATH
      ? `no Chromium at CHROMIUM_PATH=${path}: point CHROMIUM_PATH at a Chromium binary, or unset it and run \`npm run setup\` (it installs Debian's chromium)`
      : `no Chromium at ${path}: run \`npm run setup\` as root, or \`sudo apt-get install -y chromium\``
  }
}

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
const allStarted = Date.now()
let passed = 0
let failed = 0
const lines: string[] = []
for (const suite of selected) {
  const started = Date.now()
  console.log(`\n━━ ${suite.name} (${suite.dir}) ━━`)
  const missing = suite.missing?.()
  if (missing !== undefined) {
    // Said before the suite would fail deep inside its set-up; it cannot pass, so it counts as one.
    console.log(`${suite.name} cannot run: ${missing}`)
    failed += 1
    lines.push(`${suite.name}: not run (${missing}) — counted as 1 failed`)
    continue
  }
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
const total = Math.round((Date.now() - allStarted) / 1000)
console.log(`total: ${Math.floor(total / 60)} min ${total % 60} s`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
