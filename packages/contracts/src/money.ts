import * as z from 'zod'

import { MAX_AMOUNT_FEN } from './engine-safe/format-fen'

/** An amount in integer fen, 1 … 9 999 999 999; strings, fractions and zero are refused. */
export const amountFen = z
  .number({ error: 'must be a number of fen (an integer), not a string' })
  .int({ error: 'must be an integer number of fen' })
  .min(1, { error: 'must be at least 1 fen' })
  .max(MAX_AMOUNT_FEN, { error: `must be at most ${MAX_AMOUNT_FEN} fen (10 digits)` })

/** A non-negative integer number of fen, as the aggregator reports totals and coupons. */
export const fenOrZero = z.number().int({ error: 'must be an integer number of fen' }).min(0)
