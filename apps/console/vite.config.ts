import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

// Served by the BFF at /console/ (apps/bff/src/middleware/console-files.ts). Vite 8 compiles TSX
// with Oxc itself, so no React plugin is needed for a production build (Fast Refresh, the plugin's
// other job, is a dev-server feature the console does not use: `pnpm dev` rebuilds on change).
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  // Brotli and gzip copies beside each file: the BFF's @koa/send answers `x.js.br` (or `.gz`) for
  // `x.js` when the browser accepts it (apps/bff/src/middleware/static-files.ts), so a phone on 4G
  // downloads a third of the bytes with no compression work per request.
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Each page is its own chunk (src/console-routes.tsx); the largest is 概览 with ECharts, about
    // 580 kB, and a chunk past this limit would be a page pulling in more than it should.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Hex hashes: the BFF caches a file for a year when its name carries a hex content hash.
      output: { hashCharacters: 'hex' },
      // antd marks its modules "use client" for React Server Components; a browser bundle has no
      // server side, so dropping the directive is what is wanted, not a finding.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
