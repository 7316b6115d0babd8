import { defineConfig } from 'vitest/config'

// The PostgreSQL fault rows (F6) need a server: without TEST_DATABASE_URL the file registers no
// test, and vitest counts an empty file as a failure, so it is left out rather than skipped.
const postgresOnly = process.env.TEST_DATABASE_URL ? [] : ['test/faults/postgres-faults.test.ts']

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...postgresOnly],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
