import { pino, type DestinationStream, type Logger } from 'pino'

/**
 * Paths pino blanks in every line: identities, tokens, secrets and payment parameters must never
 * reach a log (docs/reliability.md, S3), whichever object they ride in.
 */
export const REDACTED_PATHS = [
  'openid',
  '*.openid',
  'payer_id',
  '*.payer_id',
  'payer',
  '*.payer',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'session_key',
  '*.session_key',
  'secret',
  '*.secret',
  'paySign',
  '*.paySign',
  'cloudpay_param',
  '*.cloudpay_param',
  'raw_body',
  '*.raw_body',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.url',
]

/** Creates the app's pino logger; `destination` lets tests capture every line. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'bff' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  return destination === undefined ? pino(options) : pino(options, destination)
}

/** How much of the request lines is held before it is written, and for how long at most. */
const REQUEST_LINES_BUFFER = { bytes: 12_288, ms: 1000 } as const

/**
 * The logger of the one line per request (`middleware/request-log.ts`): on standard output like
 * the app's (`dest` is a file descriptor or a path, for tests), without redaction (that
 * middleware says why), and buffered: its lines are written once 12 KiB (some sixty lines) have
 * gathered or a second has passed, and at exit. A write per line was a system call on every
 * answer (docs/performance.md, parts 5 and 12). The cost of the
 * buffer: if the process is killed (SIGKILL, a crash of Node itself), the request lines of its
 * last second are lost; every other line (errors, warnings, what moves money) still goes out at
 * once through the app's logger. nginx offers the same trade (`access_log … buffer= flush=`).
 */
export function createRequestLineLogger(level: string, dest: number | string = 1): Logger {
  const destination = pino.destination({
    dest,
    sync: true,
    minLength: REQUEST_LINES_BUFFER.bytes,
    periodicFlush: REQUEST_LINES_BUFFER.ms,
  })
  process.once('exit', () => destination.flushSync())
  return pino({ level, base: { service: 'bff' } }, destination)
}

export type { Logger }
