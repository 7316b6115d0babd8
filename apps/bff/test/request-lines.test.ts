import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { createRequestLineLogger } from '../src/logger'

describe('the request lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bff-request-lines-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('are held, then written within a second, and once 12 KiB have gathered', async () => {
    const file = join(dir, 'lines.log')
    writeFileSync(file, '')
    const lines = createRequestLineLogger('info', file)
    lines.info({ path: '/api/orders/Q1', status: 200 }, 'request')
    expect(readFileSync(file, 'utf8')).toBe('')
    await new Promise((resolve) => setTimeout(resolve, 1300))
    const written = readFileSync(file, 'utf8')
    expect(written).toContain('"path":"/api/orders/Q1"')
    expect(written.split('\n').filter(Boolean)).toHaveLength(1)
    for (let index = 0; index < 180; index += 1) {
      lines.info({ path: `/api/orders/Q${index}`, status: 200, filler: 'x'.repeat(40) }, 'request')
    }
    // About 22 KiB logged: at least the first 12 KiB are on disk without waiting for the timer.
    expect(readFileSync(file, 'utf8').length - written.length).toBeGreaterThanOrEqual(12_288)
  })
})
