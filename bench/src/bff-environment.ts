/**
 * The BFF's settings in the bench: the demo's environment (scripts/lib/demo-environment, the same
 * builder `pnpm start` uses) pointed at the bench's simulator and a fresh database (SQLite file or PostgreSQL), with the
 * shared server timeouts and the per-shopper limits raised so that the load measures the request
 * path rather than the 429 path (thousands of orders from a few shoppers in a few seconds).
 */
import { demoEnvironment } from '../../scripts/lib/demo-environment'
import { SERVER_OPTIONS } from './server-options'

/** Limits the bench lifts; reported in BENCHMARKS.md. */
export const BENCH_LIMIT_OVERRIDES = {
  RATE_LIMIT_SESSIONS_PER_MINUTE: '1000000',
  RATE_LIMIT_ORDERS_PER_MINUTE: '1000000',
  MAX_OPEN_ORDERS_PER_SHOPPER: '1000000',
} as const

/** Builds the BFF child's environment. */
export function bffEnvironment(options: {
  port: number
  simulatorPort: number
  /** `file:/abs/path.sqlite` or `postgres://…`. */
  databaseUrl: string
  staticDir?: string
}): NodeJS.ProcessEnv {
  const demo = demoEnvironment(
    // The builder resolves fixture paths from the repository root.
    new URL('../..', import.meta.url).pathname,
    {
      PORT: String(options.port),
      SIMULATOR_PORT: String(options.simulatorPort),
      DATABASE_URL: options.databaseUrl,
    },
  )
  const env: NodeJS.ProcessEnv = {
    ...demo,
    WECHAT_MINIPROGRAM_SECRET: demo.WECHAT_MINIPROGRAM_SECRET ?? 'sim-miniprogram-secret',
    WECHAT_OA_SECRET: demo.WECHAT_OA_SECRET ?? 'sim-official-account-secret',
    HEADERS_TIMEOUT_MS: String(SERVER_OPTIONS.headersTimeout),
    REQUEST_TIMEOUT_MS: String(SERVER_OPTIONS.requestTimeout),
    ...BENCH_LIMIT_OVERRIDES,
  }
  if (options.staticDir === undefined) delete env.STATIC_DIR
  else env.STATIC_DIR = options.staticDir
  return env
}
