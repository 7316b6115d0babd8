import type { z } from 'zod'

/** One field rule that failed: the dotted path of the field and the rule it broke. */
export interface FieldIssue {
  field: string
  rule: string
}

/** Lists every failed rule of a zod error as `{ field, rule }`, the field as a dotted path. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    rule:
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message,
  }))
}

/** Formats a zod error as one line naming each field and its rule: `amount: must be at least 1 fen`. */
export function formatIssues(error: z.ZodError): string {
  return fieldIssues(error)
    .map(({ field, rule }) => `${field}: ${rule}`)
    .join('; ')
}
