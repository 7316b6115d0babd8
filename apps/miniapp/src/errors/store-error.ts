import { ERROR_MESSAGES, FALLBACK_ERROR_MESSAGE } from './error-messages'

/** Options of a StoreError beyond its code. */
export interface StoreErrorOptions {
  /** HTTP status when the BFF answered; undefined for local failures. */
  status?: number
  /** The BFF's request id, to quote to support. */
  requestId?: string
  /** What went wrong underneath (transport error, zod error, platform result). */
  cause?: unknown
}

/**
 * The store's one error family: a stable code (the BFF's own or one of ours) and a Chinese
 * message from ERROR_MESSAGES, so pages only ever print `error.message`.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError'
  readonly code: string
  readonly status: number | undefined
  readonly requestId: string | undefined

  constructor(code: string, options: StoreErrorOptions = {}) {
    super(ERROR_MESSAGES[code] ?? FALLBACK_ERROR_MESSAGE, { cause: options.cause })
    this.code = code
    this.status = options.status
    this.requestId = options.requestId
  }
}
