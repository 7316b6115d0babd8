import { FALLBACK_ERROR_MESSAGE } from './error-messages'
import { StoreError } from './store-error'

/** The text a page shows for any thrown value: a StoreError's message, otherwise a generic one. */
export function errorMessageOf(error: unknown): string {
  return error instanceof StoreError ? error.message : FALLBACK_ERROR_MESSAGE
}
