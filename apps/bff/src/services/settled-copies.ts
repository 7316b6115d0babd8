import { createHash } from 'node:crypto'

/** How many notification copies one process remembers (least recently seen dropped first). */
export const SETTLED_COPIES_SIZE = 4096

/**
 * The notifications this process has read back from committed state as stored, for orders that
 * were settled at that read: the aggregator's redeliveries of them are acknowledged without asking
 * the database again. Both facts only ever stay true (a stored notification is never deleted, a
 * settled payment never becomes unsettled), so an entry never goes stale; the bound only caps
 * memory. A copy is named by its order number and the SHA-256 of its bytes (a body may be up to
 * 64 KiB, its digest is 32 bytes). Per process: another instance, or this one after a restart,
 * reads the database once per copy before it remembers it.
 */
export class SettledCopies {
  private readonly copies = new Set<string>()

  constructor(private readonly capacity = SETTLED_COPIES_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`settled copies capacity must be a positive integer, got ${capacity}`)
    }
  }

  /** The name of the copy of `rawBody` for `orderNo`. */
  static keyOf(orderNo: string, rawBody: string): string {
    return `${orderNo}:${createHash('sha256').update(rawBody).digest('base64')}`
  }

  /** Whether `key` was remembered (and is kept as the most recently seen). */
  has(key: string): boolean {
    if (!this.copies.has(key)) return false
    this.copies.delete(key)
    this.copies.add(key)
    return true
  }

  /** Remembers `key`: only once a committed read showed the copy stored and its order settled. */
  remember(key: string): void {
    this.copies.delete(key)
    this.copies.add(key)
    if (this.copies.size > this.capacity) {
      const oldest = this.copies.values().next()
      if (oldest.done !== true) this.copies.delete(oldest.value)
    }
  }

  /** How many copies are remembered (for tests). */
  get size(): number {
    return this.copies.size
  }
}
