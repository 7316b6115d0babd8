/**
 * `pnpm --filter @quickpay/bff build`: the compiled BFF, dist/main.js running dist/server.cjs
 * through V8's code cache (scripts/lib/server-bundle.js, scripts/lib/code-cache-loader.js).
 * better-sqlite3 and pg are native or optionally native; pino resolves its worker transports from
 * files at run time. They stay in node_modules, as do the packages only some requests need.
 */
import { bundleServerWithCodeCache } from '../../scripts/lib/server-bundle.js'

await bundleServerWithCodeCache({
  packageDir: import.meta.dirname,
  entry: 'src/start-bff.ts',
  external: ['better-sqlite3', 'pg', 'pg-native', 'pino', 'thread-stream', 'pino-*'],
  // Alipay logins and the doctor, the Redis rate limits, the aggregator's keep-alive pool, the
  // first body to parse.
  onDemand: ['alipay-sdk', 'ioredis', 'undici', '@koa/bodyparser'],
})
