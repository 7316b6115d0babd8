/** What one line of the doctor found: ✓ as configured, ✗ wrong (with the fix), ? not decidable here. */
export type DoctorStatus = 'ok' | 'fail' | 'unknown'

/** One line of the doctor's report. */
export interface DoctorCheck {
  /** Stable id of the line (e.g. `notify-url`), for tests and the console. */
  id: DoctorCheckId
  /** The settings this line is about. */
  settings: readonly string[]
  status: DoctorStatus
  /** What was found, in words a merchant can act on; never a secret. */
  detail: string
  /** What to do about a ✗ (or a ?), when there is something to do. */
  fix?: string
}

/** Every line the doctor prints, in order. */
export const DOCTOR_CHECK_IDS = [
  'public-url',
  'notify-url',
  'wechat-api',
  'wechat-miniprogram',
  'wechat-official-account',
  'store-build',
  'alipay-keys',
  'alipay-gateway',
  'alipay-user-id',
  'aggregator',
  'aggregator-store',
  'database',
  'database-migrated',
  'database-writable',
  'database-clock',
  'redis',
  'h5-payment-directory',
  'h5-oauth-domain',
] as const

/** The id of a doctor line. */
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number]

/** Builds a line; `fix` is left out when undefined (exactOptionalPropertyTypes). */
export function line(
  id: DoctorCheckId,
  settings: readonly string[],
  status: DoctorStatus,
  detail: string,
  fix?: string,
): DoctorCheck {
  return fix === undefined
    ? { id, settings, status, detail }
    : { id, settings, status, detail, fix }
}
