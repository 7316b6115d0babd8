/**
 * The store's only build-time setting (TARO_APP_* values are replaced at compile time, so each is
 * read by its full name, never by destructuring process.env).
 */
export const env = {
  /** The BFF origin; '' = the page's own origin (H5 served by the BFF). */
  bffUrl: (process.env.TARO_APP_BFF_URL ?? '').replace(/\/+$/, ''),
}
