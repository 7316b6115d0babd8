import * as z from 'zod'

import { resultCodeSchema } from './result-code'

/** Wraps a `data` schema in the aggregator's `{ code, msg, data }` envelope (`ResultInfoOf…`). */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({
    code: resultCodeSchema,
    msg: z.string().nullish(),
    data: data.nullish(),
  })
}

/** An answer envelope: `code` says whether the call was accepted, `data` carries the result. */
export interface Envelope<T> {
  code: string
  msg?: string | null | undefined
  data?: T | null | undefined
}
