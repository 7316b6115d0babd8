import type { Repository } from '../store/repository'
import { DEMO_CATALOGUE } from './demo-catalogue'

/** Seeds the demo catalogue into an empty products table; an existing catalogue is left alone. */
export async function seedCatalogue(repository: Repository): Promise<void> {
  await repository.transaction(async (tx) => {
    if ((await tx.catalogue.count()) > 0) return
    await tx.catalogue.insert(
      DEMO_CATALOGUE.map((product, position) => ({
        sku: product.sku,
        name: product.name,
        description: product.description,
        price: product.price,
        position,
      })),
    )
  })
}
