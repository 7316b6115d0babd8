/** Options of an AppError: the failed fields of a 400, extra headers (Retry-After), the cause. */
export interface AppErrorOptions {
  fields?: { field: string; rule: string }[]
  headers?: Record<string, string>
  cause?: unknown
}

/**
 * The BFF's one error family: route handlers and services throw it, the error boundary turns it
 * into `{ error: { code, message, request_id } }`. Messages of 5xx errors are never exposed.
 */
export class AppError extends Error {
  override readonly name = 'AppError'
  readonly status: number
  readonly code: string
  readonly expose: boolean
  readonly fields: { field: string; rule: string }[] | undefined
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.status = status
    this.code = code
    this.expose = status < 500
    this.fields = options.fields
    this.headers = options.headers ?? {}
  }
}

/** True when `value` is an AppError. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
