import { afterEach, describe, expect, it } from 'vitest'

import { seedCatalogue } from '../../src/catalogue/seed-catalogue'
import { createRepository } from '../../src/store/create-repository'
import type { Repository } from '../../src/store/repository'
import { TEST_DATABASES, freshDatabase, type FreshDatabase } from '../support/databases'

describe.each(TEST_DATABASES)('seeding the demo catalogue on %s', (db) => {
  let database: FreshDatabase | undefined
  const repositories: Repository[] = []

  afterEach(async () => {
    for (const repository of repositories.splice(0)) await repository.close()
    await database?.drop()
  })

  it('seeds an empty database once and leaves an existing catalogue alone', async () => {
    database = await freshDatabase(db)
    const repository = await createRepository(database.url)
    repositories.push(repository)
    await seedCatalogue(repository)
    await seedCatalogue(repository)
    const products = await repository.catalogue.list()
    expect(products.length).toBe(12)
    expect(new Set(products.map((product) => product.sku)).size).toBe(12)
  })

  // Several instances share one database only on PostgreSQL (SQLite is one process's file).
  if (db === 'postgres') {
    it('lets two instances starting together on one empty database both seed without error (regression: F7 start-up race)', async () => {
      database = await freshDatabase(db)
      const first = await createRepository(database.url)
      const second = await createRepository(database.url)
      repositories.push(first, second)
      await Promise.all([seedCatalogue(first), seedCatalogue(second)])
      const products = await first.catalogue.list()
      expect(products.length).toBe(12)
      expect(new Set(products.map((product) => product.sku)).size).toBe(12)
    })
  }
})
