/**
 * `pnpm --filter @quickpay/bff build`: the compiled BFF, dist/main.js running dist/server.cjs
 * through V8's code cache (scripts/lib/server-bundle.js, scripts/lib/code-cache-loader.js).
 * better-sqlite3 and pg are native or optionally native: they stay in node_modules, as do the
 * packages only some requests need. pino is bundled: the BFF writes its lines itself (src/logger.ts)
 * and never starts one of pino's worker transports, the only part of pino that resolves files at
 * run time; left outside, its thirty-odd files cost a start some 20 ms of module resolution
 * (docs/performance.md, part 14).
 */
import { bundleServerWithCodeCache } from '../../scripts/lib/server-bundle.js'

await bundleServerWithCodeCache({
  packageDir: import.meta.dirname,
  entry: 'src/start-bff.ts',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  // Alipay logins and the doctor, the Redis rate limits, the aggregator's keep-alive pool, the
  // first body to parse.
  onDemand: ['alipay-sdk', 'ioredis', 'undici', '@koa/bodyparser'],
})
