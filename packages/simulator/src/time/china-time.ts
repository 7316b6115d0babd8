const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * Formats epoch milliseconds as `yyyy-MM-dd HH:mm:ss` in China time (UTC+8), the aggregator's and
 * Alipay's format, whatever the machine's time zone.
 */
export function formatChinaTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}
