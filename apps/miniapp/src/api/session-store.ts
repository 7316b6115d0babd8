import type { Session } from '@quickpay/contracts'
import * as v from 'valibot'

import type { KeyValueStorage } from '../lib/key-value-storage'
import { sessionAnswer } from './answer-schemas'

const SESSION_KEY = 'qp.session'

/** The shopper's session token kept in storage, read back only while it is well-formed and unexpired. */
export function sessionStore(storage: KeyValueStorage, now: () => number = Date.now) {
  return {
    /** The stored session, or undefined when absent, malformed or expired. */
    read(): Session | undefined {
      const raw = storage.get(SESSION_KEY)
      if (raw === undefined) return undefined
      let json: unknown
      try {
        json = JSON.parse(raw)
      } catch {
        return undefined
      }
      const parsed = v.safeParse(sessionAnswer, json)
      if (!parsed.success) return undefined
      const expires = Date.parse(parsed.output.expires_at)
      return Number.isNaN(expires) || expires > now() ? parsed.output : undefined
    },
    /** Keeps a fresh session. */
    write(session: Session): void {
      storage.set(SESSION_KEY, JSON.stringify(session))
    },
    /** Forgets the session (the BFF refused it). */
    clear(): void {
      storage.remove(SESSION_KEY)
    },
  }
}
