/** A request path fit for logs: the notify route's secret segment is blanked. */
export function safePath(path: string): string {
  return path.replace(/^\/notify\/([^/]+)\/[^/]*/, '/notify/$1/[redacted]').slice(0, 200)
}
