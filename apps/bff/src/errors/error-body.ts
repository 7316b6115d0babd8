import type { ErrorEnvelope } from '@quickpay/contracts'

import type { AppError } from './app-error'

/** Serialises an AppError as the error envelope; the one place error bodies are written. */
export function errorBody(error: AppError, requestId: string): string {
  const envelope: ErrorEnvelope = {
    error: {
      code: error.code,
      message: error.message,
      request_id: requestId,
      ...(error.fields === undefined ? {} : { fields: error.fields }),
    },
  }
  return JSON.stringify(envelope)
}
