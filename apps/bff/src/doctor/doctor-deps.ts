import { lookup } from 'node:dns/promises'

/** What the doctor reads besides the BFF's settings; every field has a default but the clock-free ones are injectable for tests. */
export interface DoctorDeps {
  /** The fetch every probe uses (default the global one). */
  fetch?: typeof fetch
  /** Epoch milliseconds of this machine (default Date.now). */
  now?: () => number
  /** Deadline of one probe (default 5000 ms). */
  timeoutMs?: number
  /** Resolves a host name to its addresses (default node:dns lookup, all families). */
  lookupHost?: (host: string) => Promise<string[]>
  /** The WeChat Pay payment directory the merchant declared (doctor-only DOCTOR_PAYMENT_DIRECTORY). */
  paymentDirectory?: string
  /** The official account's web-authorisation domain (doctor-only DOCTOR_OAUTH_DOMAIN). */
  oauthDomain?: string
  /** The built mini-program's `project.config.json` (WeChat), checked when the file exists. */
  weappProjectConfigPath?: string
  /** The built mini-program's `mini.project.json` (Alipay), checked when the file exists. */
  alipayProjectConfigPath?: string
}

/** The deps with every default filled in. */
export interface ResolvedDoctorDeps {
  fetch: typeof fetch
  now: () => number
  timeoutMs: number
  lookupHost: (host: string) => Promise<string[]>
  paymentDirectory: string | undefined
  oauthDomain: string | undefined
  weappProjectConfigPath: string | undefined
  alipayProjectConfigPath: string | undefined
}

/** Fills in the defaults of `DoctorDeps`. */
export function resolveDoctorDeps(deps: DoctorDeps = {}): ResolvedDoctorDeps {
  return {
    fetch: deps.fetch ?? fetch,
    now: deps.now ?? Date.now,
    timeoutMs: deps.timeoutMs ?? 5000,
    lookupHost:
      deps.lookupHost ??
      (async (host) => (await lookup(host, { all: true })).map((entry) => entry.address)),
    paymentDirectory: deps.paymentDirectory,
    oauthDomain: deps.oauthDomain,
    weappProjectConfigPath: deps.weappProjectConfigPath,
    alipayProjectConfigPath: deps.alipayProjectConfigPath,
  }
}
