import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { createMetrics } from '../../src/metrics/create-metrics'

const HERE = dirname(fileURLToPath(import.meta.url))
const RULES_DIR = resolve(HERE, '..', '..', '..', '..', 'deploy', 'prometheus')
const RULES = join(RULES_DIR, 'quickpay-rules.yml')
const RULE_TESTS = join(RULES_DIR, 'quickpay-rules.test.yml')
const PROMTOOL = process.env.PROMTOOL_PATH ?? 'promtool'

/** Runs promtool, failing with the command to install it when it is missing. */
function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, args, { cwd: RULES_DIR, encoding: 'utf8' })
  if (run.error !== undefined) {
    throw new Error(
      `promtool is not installed (${run.error.message}): run \`apt-get install -y --no-install-recommends prometheus\` (as root; Debian's package ships promtool), or set PROMTOOL_PATH`,
    )
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

/** Every series name the BFF's registry exposes, histograms with their _bucket/_sum/_count series. */
async function exposedNames(): Promise<Set<string>> {
  const metrics = createMetrics({ countOrdersByStatus: () => Promise.resolve({ pending: 1 }) })
  const names = new Set<string>()
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name)
    if (String(metric.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`)
  }
  return names
}

describe('deploy/prometheus/quickpay-rules.yml', () => {
  it('is accepted by promtool check rules', () => {
    const run = promtool(['check', 'rules', RULES])
    expect(run.output).toContain('SUCCESS')
    expect(run.status, run.output).toBe(0)
  })

  it('fires each alert on the series it is written for (promtool test rules)', () => {
    const run = promtool(['test', 'rules', RULE_TESTS])
    expect(run.status, run.output).toBe(0)
  })

  it('names only metrics the BFF exposes, in the rules and in their tests', async () => {
    const names = await exposedNames()
    for (const file of [RULES, RULE_TESTS]) {
      const used = new Set(readFileSync(file, 'utf8').match(/\bbff_[a-z_]+\b/g) ?? [])
      expect(used.size).toBeGreaterThan(3)
      for (const name of used) expect(names, `${name} in ${file}`).toContain(name)
    }
  })

  it('has an alert for unconfirmed notifications, the reconciler backlog and aggregator errors', () => {
    const text = readFileSync(RULES, 'utf8')
    for (const alert of [
      'QuickpayNotificationsUnconfirmed',
      'QuickpayReconcilerBacklogGrowing',
      'QuickpayAggregatorErrors',
    ])
      expect(text).toContain(`alert: ${alert}`)
  })
})
