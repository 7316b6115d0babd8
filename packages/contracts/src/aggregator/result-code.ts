import * as z from 'zod'

/** The envelope's `code`: only `SUCCESS` is documented; failure names are unknown, so any name is kept. */
export type ResultCode = 'SUCCESS' | (string & {})

/** The one documented success code. */
export const RESULT_SUCCESS = 'SUCCESS'

/** Parses a result code leniently (any non-empty string). */
export const resultCodeSchema = z.string().min(1) as z.ZodType<ResultCode>
