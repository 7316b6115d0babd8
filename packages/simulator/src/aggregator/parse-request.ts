import { formatIssues } from '@quickpay/contracts'
import type { z } from 'zod'

import { SimulatorError } from '../errors/simulator-error'

/** Validates a request body with a contracts schema; a failure is `PARAM_ERROR` naming each field and rule. */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new SimulatorError('PARAM_ERROR', formatIssues(parsed.error))
  return parsed.data
}
