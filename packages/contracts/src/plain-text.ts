import * as z from 'zod'

import { codePointLength } from './text-length'

/**
 * Control characters (C0, DEL, C1) and the bidirectional embedding, override and isolate marks:
 * a NUL or ESC written to a log or a terminal, or a U+202E that reverses how an operator reads a
 * refund reason, has no business in free text the BFF stores or sends upstream.
 */
const UNSAFE_CHARACTERS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u

/** Free text of at most `max` characters (code points) with no control or bidi-override characters. */
export function plainText(max: number) {
  return z
    .string({ error: 'must be a string' })
    .refine((value) => codePointLength(value) <= max, {
      error: `must be at most ${max} characters`,
    })
    .refine((value) => !UNSAFE_CHARACTERS.test(value), {
      error: 'must not contain control characters or bidirectional override marks',
    })
}
