import type { IdempotencyClaim } from './services/idempotency-claim'
import type { SessionRecord } from './store/records'

/** What middleware leaves on `ctx.state` for the handlers after it. */
export interface AppState {
  requestId: string
  session?: SessionRecord
  /** Set by the idempotent middleware: the request's key, and what an earlier attempt with it created. */
  idempotency?: IdempotencyClaim
}
