import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/**
 * Whether a path segment is the notification secret, compared in constant time. Both sides are
 * hashed first, which gives `timingSafeEqual` equal lengths whatever the caller sent. The notify
 * route and its lane (fast-lane/notification-lane.ts) both ask this.
 */
export function notifySecretMatcher(secret: string): (candidate: string) => boolean {
  const expected = digest(secret)
  return (candidate) => timingSafeEqual(digest(candidate), expected)
}
