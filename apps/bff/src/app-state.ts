import type { SessionRecord } from './store/records'

/** What middleware leaves on `ctx.state` for the handlers after it. */
export interface AppState {
  requestId: string
  session?: SessionRecord
}
