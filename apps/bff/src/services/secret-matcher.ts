import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/**
 * Whether a value the caller sent is `secret`, compared in constant time. Both sides are hashed
 * first, which gives `timingSafeEqual` equal lengths whatever the caller sent, so the comparison
 * leaks nothing about the secret. Asked for the notification secret (the notify route and its lane,
 * fast-lane/notification-lane.ts) and the admin token (`requireAdmin`, the console's login).
 */
export function secretMatcher(secret: string): (candidate: string) => boolean {
  const expected = digest(secret)
  return (candidate) => timingSafeEqual(digest(candidate), expected)
}
