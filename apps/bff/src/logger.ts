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

export type { Logger }
