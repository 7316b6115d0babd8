import { defineConfig } from 'vitest/config'

// The E2E flows share one started system (store, BFF, simulator) and the simulator's global fault
// settings, so they run one file at a time, in order.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 240_000,
    globalSetup: ['support/global-setup.ts'],
  },
})
