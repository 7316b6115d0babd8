import * as z from 'zod'

/**
 * Counts Unicode code points, not UTF-16 units: the aggregator documents lengths in "characters"
 * (字符长度) and we read that as code points, so 汉字 and emoji count once each.
 */
export function codePointLength(value: string): number {
  let count = 0
  for (const _ of value) count += 1
  return count
}

/** A string whose length in characters (code points) lies in [min, max], with a rule-naming message. */
export function textOfLength(min: number, max: number) {
  return z.string({ error: 'must be a string' }).refine(
    (value) => {
      const length = codePointLength(value)
      return length >= min && length <= max
    },
    { error: `must be ${min}-${max} characters long` },
  )
}
