import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../src/store/open-database'

describe('opening a SQLite database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bff-open-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('uses WAL with synchronous = FULL, so every acknowledged commit survives a power cut', async () => {
    const { db } = await openDatabase(`file:${join(folder, 'nested', 'bff.sqlite')}`)
    try {
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db)
      const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)
      const busy = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db)
      expect(journal.rows[0]?.journal_mode).toBe('wal')
      expect(synchronous.rows[0]?.synchronous).toBe(2)
      expect(busy.rows[0]?.timeout).toBe(5000)
    } finally {
      await db.destroy()
    }
  })
})
