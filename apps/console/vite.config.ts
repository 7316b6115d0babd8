import { defineConfig } from 'vite'

// Served by the BFF at /console/ (apps/bff/src/middleware/console-files.ts). Vite 8 compiles TSX
// with Oxc itself, so no React plugin is needed for a production build (Fast Refresh, the plugin's
// other job, is a dev-server feature the console does not use: `pnpm dev` rebuilds on change).
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
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
