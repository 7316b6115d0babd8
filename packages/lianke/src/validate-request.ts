import type { FieldIssue } from '@quickpay/contracts'
import { fieldIssues } from '@quickpay/contracts'

import { LiankeRequestError } from './errors/lianke-request-error'
import type { LiankeRoute } from './lianke-routes'

type Issues = Parameters<typeof fieldIssues>[0]

/** A zod schema's `safeParse`, seen from here without depending on zod. */
export type RequestParser<T> = (
  input: unknown,
) => { success: true; data: T } | { success: false; error: Issues }

/**
 * Checks a request against its contract schema before anything is sent, and throws a
 * LiankeRequestError naming each field and rule (`amount: must be at least 1 fen`).
 */
export function validateRequest<T>(
  parse: RequestParser<T>,
  input: Record<string, unknown>,
  route: LiankeRoute,
): T {
  const parsed = parse(input)
  if (parsed.success) return parsed.data
  const fields: FieldIssue[] = fieldIssues(parsed.error).map((issue) =>
    // A missing field fails its type check; saying "is required" is what the caller needs to hear.
    !issue.field.includes('.') && input[issue.field] === undefined
      ? { field: issue.field, rule: 'is required' }
      : issue,
  )
  const orderNo = typeof input.order_no === 'string' ? input.order_no : undefined
  const summary = fields.map(({ field, rule }) => `${field}: ${rule}`).join('; ')
  throw new LiankeRequestError(
    `${route.replace('QuickPay/', '')} request invalid: ${summary}`,
    fields,
    {
      route,
      orderNo,
    },
  )
}
