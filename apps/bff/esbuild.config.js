/**
 * `pnpm --filter @quickpay/bff build`: the compiled BFF, dist/main.js (scripts/lib/server-bundle.js).
 * better-sqlite3 and pg are native or optionally native; pino resolves its worker transports from
 * files at run time. They stay in node_modules.
 */
import { bundleServer } from '../../scripts/lib/server-bundle.js'

await bundleServer({
  packageDir: import.meta.dirname,
  entry: 'src/main.ts',
  external: ['better-sqlite3', 'pg', 'pg-native', 'pino', 'thread-stream', 'pino-*'],
})
