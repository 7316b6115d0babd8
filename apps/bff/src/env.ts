import * as z from 'zod'

import { formatIssues } from '@quickpay/contracts'

import { CRASH_POINTS } from './crash-points'

const booleanText = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be an integer' })
  .positive({ error: 'must be positive' })

const nonNegativeInt = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be an integer' })
  .min(0, { error: 'must be 0 or more' })

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })

const secret = z.string().min(16, { error: 'must be at least 16 characters' })

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, {
      error: 'must be file:<path> (SQLite) or postgres://… (PostgreSQL)',
    })
    .default('file:data/bff.sqlite'),
  PUBLIC_BASE_URL: httpUrl.default('http://127.0.0.1:3000'),
  NOTIFY_SECRET: secret.regex(/^[A-Za-z0-9_-]+$/, {
    error: 'must be URL-safe (letters, digits, "_" or "-")',
  }),
  ADMIN_TOKEN: secret,
  /** The aggregator's documents accept `OK` or `SUCCESS` as the notification acknowledgement (docs/lianke-aggregator.md); which one the live aggregator prefers is a question for the vendor. */
  /**
   * How long a notification waits for the Query that confirms it before it is answered with an
   * error (and delivered again): it must fit inside the aggregator's wait for an answer, which the
   * simulator models as 5 s.
   */
  NOTIFY_QUERY_DEADLINE_MS: positiveInt
    .max(4500, { error: 'must be at most 4500 (the aggregator waits 5 s for an answer)' })
    .default(4000),
  NOTIFY_ACK: z.enum(['SUCCESS', 'OK'], { error: 'must be SUCCESS or OK' }).default('SUCCESS'),
  SANDBOX: booleanText.default(false),
  LIANKE_BASE_URL: httpUrl.default('http://127.0.0.1:4010/'),
  LIANKE_STORE_NO: z.string().min(1).max(32).default('DEMO001'),
  LIANKE_OPERATOR: z.string().min(1).max(16).default('WEB'),
  LIANKE_TIMEOUT_MS: positiveInt.default(8000),
  LIANKE_DEADLINE_MS: positiveInt.default(15000),
  WECHAT_API_BASE_URL: httpUrl.default('http://127.0.0.1:4010/'),
  WECHAT_MINIPROGRAM_APPID: z.string().min(1).default('wx0000000000000001'),
  WECHAT_MINIPROGRAM_SECRET: z.string().min(1),
  WECHAT_OA_APPID: z.string().min(1).default('wx0000000000000002'),
  WECHAT_OA_SECRET: z.string().min(1),
  WECHAT_OAUTH_AUTHORIZE_URL: httpUrl.default('http://127.0.0.1:4010/connect/oauth2/authorize'),
  ALIPAY_GATEWAY_URL: httpUrl.default('http://127.0.0.1:4010/gateway.do'),
  ALIPAY_APPID: z.string().min(1).default('2021000000000001'),
  ALIPAY_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  ALIPAY_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  ALIPAY_AUTHORIZE_URL: httpUrl.default('http://127.0.0.1:4010/oauth2/publicAppAuthorize.htm'),
  ALIPAY_OPEN_ID_PASSTHROUGH: booleanText.default(false),
  LOGIN_TIMEOUT_MS: positiveInt.default(3000),
  STATIC_DIR: z.string().min(1).optional(),
  CONSOLE_DIR: z.string().min(1).optional(),
  ORDER_TTL_MINUTES: positiveInt.default(15),
  /** Demos and tests only: a pending order's life in seconds, instead of ORDER_TTL_MINUTES. */
  ORDER_TTL_SECONDS: positiveInt.optional(),
  MAX_OPEN_ORDERS_PER_SHOPPER: positiveInt.default(5),
  SESSION_TTL_HOURS: positiveInt.default(24),
  IDEMPOTENCY_TTL_HOURS: positiveInt
    .min(72, { error: 'must be at least 72 (keys are kept at least 72 h)' })
    .default(72),
  JSON_BODY_LIMIT_KB: positiveInt.default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_SESSIONS_PER_MINUTE: positiveInt.default(30),
  RATE_LIMIT_ORDERS_PER_MINUTE: positiveInt.default(20),
  /** Payment claims and payment re-issues per shopper and minute (each may cost a write or a JSAPIPay). */
  RATE_LIMIT_CLAIMS_PER_MINUTE: positiveInt.default(30),
  /** Refused admin credentials per client address and minute; past it every admin try is 429. */
  RATE_LIMIT_ADMIN_FAILURES_PER_MINUTE: positiveInt.default(10),
  /**
   * How many reverse proxies stand in front of the BFF, each appending the address it saw to
   * X-Forwarded-For. The client address is the entry that many places from the end; entries
   * further left are written by the client and never trusted. 0 = use the socket's address.
   */
  TRUST_PROXY_HOPS: nonNegativeInt.max(10, { error: 'must be at most 10' }).default(0),
  /** The old switch trusted the client-written leftmost entry; refused so nobody keeps it unknowingly. */
  TRUST_PROXY: z
    .never({
      error:
        'was replaced by TRUST_PROXY_HOPS (the number of proxies in front of the BFF; 1 behind one nginx)',
    })
    .optional(),
  CONTENT_SECURITY_POLICY: z
    .enum(['enforce', 'report-only'], { error: 'must be enforce or report-only' })
    .default('enforce'),
  HEADERS_TIMEOUT_MS: positiveInt.default(10000),
  REQUEST_TIMEOUT_MS: positiveInt.default(30000),
  SHUTDOWN_GRACE_MS: positiveInt.default(10000),
  RECONCILE_INTERVAL_MS: positiveInt.default(5000),
  RECONCILE_AFTER_SECONDS: positiveInt.default(60),
  RECONCILE_MAX_BACKOFF_SECONDS: positiveInt.default(900),
  /**
   * How long the reconciler holds an order it is checking; the holder renews it before each
   * order, so a lease outlives a dead instance by at most this (was a fixed 120 s).
   */
  RECONCILE_LEASE_SECONDS: positiveInt.default(30),
  /**
   * This instance's name, unique among live instances (default `<hostname>:<PORT>`, which two
   * live processes cannot share). A restarted instance releases the leases its previous life held.
   */
  INSTANCE_NAME: z
    .string()
    .regex(/^[\x21-\x7e]{1,48}$/, { error: 'must be 1-48 visible ASCII characters' })
    .optional(),
  /**
   * Redis for the rate limits (`redis://[:password@]host:port[/db]`, or `rediss://` for TLS): set,
   * every instance counts against the same limits; unset, each instance counts alone.
   */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  /** The prefix of every Redis key: the same for the instances of one deployment, different otherwise. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
      error: 'must be 1-64 letters, digits, "_", ".", ":" or "-"',
    })
    .default('quickpay'),
  /** For `GET /api/admin/doctor` only: the WeChat Pay payment directories declared (comma-separated). */
  DOCTOR_PAYMENT_DIRECTORY: z.string().min(1).optional(),
  /** For `GET /api/admin/doctor` only: the official account's web-authorisation domain. */
  DOCTOR_OAUTH_DOMAIN: z.string().min(1).optional(),
  QUERY_COALESCE_MS: positiveInt.default(3000),
  /**
   * How long the catalogue read into memory prices carts and lists products before it is read
   * again (catalogue/catalogue-snapshot.ts); 0 reads the table every time. A price edited in the
   * database reaches new orders on every instance after at most this.
   */
  CATALOGUE_MAX_AGE_MS: nonNegativeInt
    .max(60_000, { error: 'must be at most 60000 (a minute)' })
    .default(1000),
  POLL_QUERY_AFTER_SECONDS: positiveInt.default(5),
  /** Test-only (crash-point fault injection): SIGKILL the process at this named crash point of a create; never set in production. */
  BFF_CRASH_POINT: z.enum(CRASH_POINTS).optional(),
})

/** The durations the settings give in minutes, hours or seconds, in milliseconds, computed once. */
function durationsOf(env: z.infer<typeof envSchema>) {
  return {
    orderTtl:
      env.ORDER_TTL_SECONDS === undefined
        ? env.ORDER_TTL_MINUTES * 60_000
        : env.ORDER_TTL_SECONDS * 1000,
    sessionTtl: env.SESSION_TTL_HOURS * 3_600_000,
    idempotencyTtl: env.IDEMPOTENCY_TTL_HOURS * 3_600_000,
    /** How long a create owns its Idempotency-Key: the upstream deadline plus a margin. */
    keyLock: env.LIANKE_DEADLINE_MS + 5_000,
    reconcileAfter: env.RECONCILE_AFTER_SECONDS * 1000,
    reconcileMaxBackoff: env.RECONCILE_MAX_BACKOFF_SECONDS * 1000,
    reconcileLease: env.RECONCILE_LEASE_SECONDS * 1000,
    pollQueryAfter: env.POLL_QUERY_AFTER_SECONDS * 1000,
  }
}

/** Every BFF setting, validated (see the README's settings table), and its durations in ms. */
export type Env = z.infer<typeof envSchema> & { ms: ReturnType<typeof durationsOf> }

/** How .env.example's placeholder secrets begin: accepted only in SANDBOX. */
const PLACEHOLDER_PREFIX = 'change-me'

/** The secrets .env.example fills with placeholders. */
const PLACEHOLDER_SECRETS = ['NOTIFY_SECRET', 'ADMIN_TOKEN'] as const

/** Thrown when the environment is invalid; the message names each setting and its rule. */
export class EnvError extends Error {
  override readonly name = 'EnvError'
}

/**
 * Reads every setting from `source` (normally `process.env`). Empty strings count as unset so a
 * copied `.env.example` line like `STATIC_DIR=` keeps the default.
 */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const cleaned: Record<string, string> = {}
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') cleaned[name] = value
  }
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) throw new EnvError(`invalid settings: ${formatIssues(parsed.error)}`)
  if (parsed.data.RECONCILE_LEASE_SECONDS * 1000 < parsed.data.LIANKE_DEADLINE_MS + 5_000) {
    throw new EnvError(
      `invalid settings: RECONCILE_LEASE_SECONDS: must outlast one order's check (LIANKE_DEADLINE_MS + 5 s = ${Math.ceil((parsed.data.LIANKE_DEADLINE_MS + 5_000) / 1000)} s)`,
    )
  }
  if (!parsed.data.SANDBOX) {
    const placeholders = PLACEHOLDER_SECRETS.filter((name) =>
      parsed.data[name].startsWith(PLACEHOLDER_PREFIX),
    )
    if (placeholders.length > 0) {
      throw new EnvError(
        `invalid settings: ${placeholders.join(', ')}: still the placeholder from .env.example; outside SANDBOX set a secret of your own (e.g. \`openssl rand -hex 24\`)`,
      )
    }
  }
  return { ...parsed.data, ms: durationsOf(parsed.data) }
}
