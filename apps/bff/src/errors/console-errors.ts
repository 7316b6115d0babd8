import { AppError } from './app-error'

/** The merchant console's own refusals (kept apart from errors.ts so each concept has one file). */
export const consoleErrors = {
  /** A cookie-authenticated write without the console's header, or from another origin. */
  csrfRejected: (): AppError =>
    new AppError(
      403,
      'CSRF_REJECTED',
      'A console request must come from the console page (same origin, X-Console-Request header).',
    ),
  /** "Mark reviewed" on an order that is not flagged. */
  notFlagged: (): AppError =>
    new AppError(409, 'ORDER_NOT_FLAGGED', 'The order is not flagged for review.'),
}
