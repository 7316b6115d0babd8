/** How to start a simulator; every field has a default suited to tests and the demo. */
export interface SimulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string
  /** Port; default 0 (a free port). `main.ts` uses `SIMULATOR_PORT` (default 4010). */
  port?: number
  /** The notification schedule is divided by this; default 1 (real 20 s / 30 min). */
  timeScale?: number
  /** Store numbers JSAPIPay accepts; default `[SIMULATOR_DEFAULTS.storeNo]`. */
  storeNos?: string[]
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number
  /** Alipay app in "open_id mode": the token answers `open_id` and no `user_id`; default false. */
  alipayOpenIdMode?: boolean
}
