/** The two run modes: the full benchmark and the CI smoke (`--smoke`). */
import type { LoadSettings } from './load'

/** Everything that differs between the full run and the smoke run. */
export interface BenchConfig {
  mode: 'full' | 'smoke'
  rounds: number
  warmup: LoadSettings | null
  measured: LoadSettings
  /**
   * Shoppers the POST /api/orders load rotates over. Each create counts its shopper's open orders
   * up to the limit, which the bench lifts: with few shoppers each piled up hundreds of open
   * orders over a run and every create read them all, where a shop's shoppers have at most
   * MAX_OPEN_ORDERS_PER_SHOPPER (5). A thousand keep it to a few dozen by the end of a full run.
   */
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
  shoppers: 1000,
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

/** `pnpm bench --scale`: the seeded-data run (scale/scale-run.ts) instead of the load run. */
export interface ScaleConfig {
  /** Seeded order counts, ascending (default 10 k then 1 M; `--scale-orders=2000,20000`). */
  sizes: number[]
  load: LoadSettings
  /** Write the scale section into BENCHMARKS.md (only at the default sizes). */
  writeReport: boolean
}

const DEFAULT_SCALE_SIZES = [10_000, 1_000_000]

/** What the command line asks for: a load run (full or smoke) or a scale run. */
export type BenchRequest =
  { kind: 'load'; config: BenchConfig } | { kind: 'scale'; scale: ScaleConfig }

function scaleSizes(flag: string): number[] {
  const sizes = flag
    .slice('--scale-orders='.length)
    .split(',')
    .map((each) => Number(each))
  if (
    sizes.length < 2 ||
    sizes.some(
      (size, index) => !Number.isInteger(size) || size < 100 || size <= (sizes[index - 1] ?? 0),
    )
  ) {
    throw new Error(
      `${flag}: give two or more ascending order counts of at least 100, e.g. --scale-orders=2000,20000`,
    )
  }
  return sizes
}

/**
 * `--rounds=N` with `--smoke`: N interleaved rounds of 3 s after a 2 s warm-up instead of one
 * round of 1 s, for comparing two commits side by side (docs/performance.md, part 6); still no
 * first paint, start-up or profile, and BENCHMARKS.md is not written.
 */
function smokeWithRounds(flag: string): BenchConfig {
  const rounds = Number(flag.slice('--rounds='.length))
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
    throw new Error(`${flag}: give a whole number of rounds from 1 to 20, e.g. --rounds=5`)
  }
  return {
    ...SMOKE,
    rounds,
    warmup: { connections: 10, durationSeconds: 2 },
    measured: { connections: 10, durationSeconds: 3 },
  }
}

/**
 * Reads the command line: `--smoke` for CI (`--rounds=N` makes it longer); `--postgres` adds the
 * PostgreSQL rows to a smoke run (the full run always has them); `--scale` (with
 * `--scale-orders=a,b,…` for other sizes) runs the scale measures instead. Unknown flags are
 * refused.
 */
export function requestFromArgs(args: readonly string[]): BenchRequest {
  const flags = args.filter((arg) => arg !== '--')
  for (const flag of flags) {
    if (
      !['--smoke', '--postgres', '--scale'].includes(flag) &&
      !flag.startsWith('--scale-orders=') &&
      !flag.startsWith('--rounds=')
    ) {
      throw new Error(
        `unknown flag ${flag} (known: --smoke, --rounds=N, --postgres, --scale, --scale-orders=a,b)`,
      )
    }
  }
  const roundsFlag = flags.find((flag) => flag.startsWith('--rounds='))
  if (roundsFlag !== undefined && !flags.includes('--smoke')) {
    throw new Error(`${roundsFlag} goes with --smoke (the full run has its own rounds)`)
  }
  const sizesFlag = flags.find((flag) => flag.startsWith('--scale-orders='))
  if (flags.includes('--scale') || sizesFlag !== undefined) {
    return {
      kind: 'scale',
      scale: {
        sizes: sizesFlag === undefined ? DEFAULT_SCALE_SIZES : scaleSizes(sizesFlag),
        load: { connections: 4, durationSeconds: 3 },
        writeReport: sizesFlag === undefined,
      },
    }
  }
  const smoke = roundsFlag === undefined ? SMOKE : smokeWithRounds(roundsFlag)
  const base = flags.includes('--smoke') ? smoke : FULL
  return { kind: 'load', config: flags.includes('--postgres') ? { ...base, postgres: true } : base }
}
