import type { Middleware } from 'koa'
import { ZodError } from 'zod'

import type { AppState } from '../app-state'
import type { AppError } from '../errors/app-error'
import { isAppError } from '../errors/app-error'
import { errorBody } from '../errors/error-body'
import { errors } from '../errors/errors'
import type { Logger } from '../logger'
import { isDatabaseUnavailable } from '../store/is-database-unavailable'

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** Maps anything thrown to the BFF's one error family (the single status-to-code mapping). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  if (error instanceof ZodError) return errors.validation(error)
  if (isDatabaseUnavailable(error)) return errors.serviceUnavailable(error)
  const status = httpStatusOf(error)
  if (status === 413) return errors.payloadTooLarge()
  if (status === 415) return errors.unsupportedMediaType()
  if (status === 400) return errors.invalidJson()
  return errors.internal(error)
}

/** A loggable summary of an error chain: names, codes and messages, never whole objects. */
function describe(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error) || depth > 3) return { value: typeof error }
  const code = (error as { code?: unknown }).code
  return {
    name: error.name,
    message: error.message.slice(0, 300),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.cause === undefined ? {} : { cause: describe(error.cause, depth + 1) }),
  }
}

/**
 * The one error boundary: every error becomes `{ error: { code, message, request_id, fields? } }`
 * with its status and headers; unknown routes answer 404 NOT_FOUND; 5xx are logged with their cause.
 */
export function errorBoundary(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined) throw errors.notFound()
    } catch (error) {
      const appError = toAppError(error)
      if (appError.status >= 500) {
        logger.error({ request_id: ctx.state.requestId, error: describe(error) }, appError.code)
      }
      ctx.status = appError.status
      for (const [name, value] of Object.entries(appError.headers)) ctx.set(name, value)
      ctx.type = 'application/json'
      ctx.body = errorBody(appError, ctx.state.requestId)
    }
  }
}
