/** The two run modes: the full benchmark and the CI smoke (`--smoke`). */
import type { LoadSettings } from './load'

/** Everything that differs between the full run and the smoke run. */
export interface BenchConfig {
  mode: 'full' | 'smoke'
  rounds: number
  warmup: LoadSettings | null
  measured: LoadSettings
  /** Shoppers the POST /api/orders load rotates over. */
  shoppers: number
  fcpLoads: number
  startupSamples: number
  paidSamples: number
  paidTimeoutMs: number
  profile: LoadSettings | null
  /** Measure the BFF on PostgreSQL too (one and two instances), when a server is configured. */
  postgres: boolean
  /** Build a missing store target before measuring its size (and FCP for h5). */
  buildMissingStore: boolean
  writeReport: boolean
}

const FULL: BenchConfig = {
  mode: 'full',
  rounds: 7,
  warmup: { connections: 10, durationSeconds: 2 },
  measured: { connections: 10, durationSeconds: 4 },
  shoppers: 32,
  fcpLoads: 7,
  startupSamples: 5,
  paidSamples: 9,
  paidTimeoutMs: 15000,
  profile: { connections: 10, durationSeconds: 5 },
  postgres: true,
  buildMissingStore: true,
  writeReport: true,
}

const SMOKE: BenchConfig = {
  mode: 'smoke',
  rounds: 1,
  warmup: null,
  measured: { connections: 10, durationSeconds: 1 },
  shoppers: 4,
  fcpLoads: 0,
  startupSamples: 0,
  paidSamples: 1,
  paidTimeoutMs: 10000,
  profile: null,
  postgres: false,
  buildMissingStore: false,
  writeReport: false,
}

/**
 * Picks the mode from the command line: `--smoke` for CI; `--postgres` adds the PostgreSQL rows to
 * a smoke run (the full run always has them). Unknown flags are refused.
 */
export function configFromArgs(args: readonly string[]): BenchConfig {
  const flags = args.filter((arg) => arg !== '--')
  for (const flag of flags) {
    if (flag !== '--smoke' && flag !== '--postgres') {
      throw new Error(`unknown flag ${flag} (known: --smoke, --postgres, --scale)`)
    }
  }
  const base = flags.includes('--smoke') ? SMOKE : FULL
  return flags.includes('--postgres') ? { ...base, postgres: true } : base
}
