import { formatIssues } from '@quickpay/contracts'
import type { z } from 'zod'

import { SimulatorError } from '../errors/simulator-error'

/** Validates a control-route body; a failure is a 400 naming each field and rule. */
export function parseControlBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new SimulatorError('INVALID_REQUEST', formatIssues(parsed.error), 400)
  return parsed.data
}
