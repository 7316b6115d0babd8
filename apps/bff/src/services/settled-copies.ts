import { createHash } from 'node:crypto'

/** How many characters of remembered copies one process keeps (oldest dropped first). */
export const SETTLED_COPIES_CHARS = 2 * 1024 * 1024

/** A body up to this length is its own name; a longer one is named by its SHA-256. */
const NAMED_BY_ITSELF = 4096

/**
 * The notifications this process has read back from committed state as stored, for orders that
 * were settled at that read: the aggregator's redeliveries of them are acknowledged without
 * parsing them or asking the database again. Both facts only ever stay true (a stored
 * notification is never deleted, a settled payment never becomes unsettled), so an entry never
 * goes stale; the bound only caps memory. A copy is named by its exact bytes, which also name its
 * order (a notification of the usual size, under 4 KiB, by the text itself: comparing it costs
 * less than hashing it; a larger one by its SHA-256). Per process: another instance, or this one
 * after a restart, reads the database once per copy before it remembers it.
 */
export class SettledCopies {
  private readonly copies = new Set<string>()
  private chars = 0

  constructor(private readonly capacityChars = SETTLED_COPIES_CHARS) {
    if (!Number.isInteger(capacityChars) || capacityChars < 1) {
      throw new RangeError(
        `settled copies capacity must be a positive integer, got ${capacityChars}`,
      )
    }
  }

  /** The name of the copy whose bytes are `rawBody`. */
  static keyOf(rawBody: string): string {
    if (rawBody.length <= NAMED_BY_ITSELF) return rawBody
    return `sha256:${createHash('sha256').update(rawBody).digest('base64')}`
  }

  /** Whether `key` is remembered. */
  has(key: string): boolean {
    return this.copies.has(key)
  }

  /** Remembers `key`: only once a committed read showed the copy stored and its order settled. */
  remember(key: string): void {
    if (this.copies.has(key)) return
    this.copies.add(key)
    this.chars += key.length
    // Oldest first (a Set keeps insertion order); a copy dropped is read from the database once more.
    for (const oldest of this.copies) {
      if (this.chars <= this.capacityChars) break
      this.copies.delete(oldest)
      this.chars -= oldest.length
    }
  }

  /** How many copies are remembered (for tests). */
  get size(): number {
    return this.copies.size
  }
}
