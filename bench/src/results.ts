/** Everything one run measured, as the report and the smoke gate read it. */
import type { BenchConfig } from './config'
import type { ProfiledRun } from './cpu-profile'
import type { PaintLoads } from './first-paint'
import type { LoadSample } from './load'
import type { MachineInfo } from './machine'
import type { RatioResult } from './ratios'
import type { StartupTimes } from './startup-time'
import type { StoreSize, StoreTarget } from './store-size'
import type { LoadTarget } from './targets/load-target'

/** A measurement, or the honest reason it is missing. */
export type Measured<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Whether the PostgreSQL rows were measured, on which server, or why not. */
export type PostgresNote = { measured: true; server: string } | { measured: false; reason: string }

/** The complete outcome of a run. */
export interface BenchResults {
  startedAt: Date
  config: BenchConfig
  machine: MachineInfo
  chromium: string | null
  targets: Pick<LoadTarget, 'id' | 'label'>[]
  samples: Map<string, LoadSample[]>
  /** Why the BFF targets are absent, when they are. */
  bffMissing: string | null
  /** Single BFF targets that could not be measured, each with its reason. */
  missingTargets: string[]
  postgres: PostgresNote
  ratios: RatioResult[]
  storeSizes: Record<StoreTarget, Measured<StoreSize>>
  /** The H5 store, first contentful paint and its products in the document, per load. */
  firstPaint: Measured<PaintLoads>
  /** The same under 4G network and 4× CPU throttling (first-paint.ts, THROTTLING). */
  throttledFirstPaint: Measured<PaintLoads>
  /** The merchant console's build (apps/console/dist). */
  consoleSize: Measured<{ bytes: number; files: number }>
  /** The console's login page, first contentful paint and its form in the document, per load. */
  consoleFirstPaint: Measured<PaintLoads>
  consoleThrottledFirstPaint: Measured<PaintLoads>
  startup: Measured<StartupTimes>
  paidLatency: Measured<number[]>
  profile: Measured<ProfiledRun[]>
}
