/** The longest path a log line carries. */
const MAX_LOGGED_PATH = 200

/** A segment as it came and each of its percent-decodings (up to three rounds), lower-cased. */
function formsOf(segment: string): string[] {
  const forms = [segment.toLowerCase()]
  let current = segment
  for (let round = 0; round < 3 && current.includes('%'); round += 1) {
    try {
      current = decodeURIComponent(current)
    } catch {
      break
    }
    forms.push(current.toLowerCase())
  }
  return forms
}

/**
 * A scrubber of request paths for logs: every segment that holds one of `secrets` — in any
 * letter case, raw or percent-decoded, even twice (`/NOTIFY/LIANKE/<secret>`,
 * `//notify/lianke/<secret>`, `/%6Eotify/lianke/<secret>`, `/notify/lianke/%41…`) — is replaced by
 * `[redacted]`. A secret is URL-safe, so it never spans two segments. The secrets are prepared
 * once, not for every logged request.
 */
export function pathScrubber(secrets: readonly string[]): (path: string) => string {
  const needles = secrets.filter((secret) => secret !== '').map((secret) => secret.toLowerCase())
  return (path) =>
    path
      .split('/')
      .map((segment) => {
        const forms = formsOf(segment)
        return needles.some((needle) => forms.some((form) => form.includes(needle)))
          ? '[redacted]'
          : segment
      })
      .join('/')
      .slice(0, MAX_LOGGED_PATH)
}
