import { sql, type Kysely } from 'kysely'

import type { DatabaseSchema } from './database-schema'
import type { DatabaseKind } from './open-database'
import { QueryTemplate, slot } from './query-template'
import type { ProductRecord } from './records'

/**
 * The catalogue's fixed-shape queries, compiled once per database handle. `find` takes its skus as
 * one parameter, a JSON array of strings, so one statement serves a cart of any length: SQLite
 * reads it with `json_each`, PostgreSQL with `jsonb_array_elements_text`.
 */
export function catalogueQueries(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
  const skus = slot('skus')
  const among =
    kind === 'sqlite'
      ? sql<boolean>`sku in (select value from json_each(${skus}))`
      : sql<boolean>`sku in (select jsonb_array_elements_text(cast(${skus} as jsonb)))`
  return {
    find: new QueryTemplate(db.selectFrom('products').selectAll().where(among), ['skus']),
    count: new QueryTemplate(
      db.selectFrom('products').select((eb) => eb.fn.countAll().as('count')),
      [],
    ),
    list: new QueryTemplate(db.selectFrom('products').selectAll().orderBy('position'), []),
  }
}

const toProduct = (row: ProductRecord): ProductRecord => ({ ...row, price: Number(row.price) })

/** The catalogue: the products a cart is priced from. */
export class CatalogueStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly queries: ReturnType<typeof catalogueQueries>,
  ) {}

  /** The number of products. */
  async count(): Promise<number> {
    const { rows } = await this.db.executeQuery(this.queries.count.bind({}))
    return Number(rows[0]?.count ?? 0)
  }

  /** Adds products (seeding); a sku that exists is left as it is, so two instances may seed at once. */
  async insert(products: ProductRecord[]): Promise<void> {
    if (products.length === 0) return
    await this.db
      .insertInto('products')
      .values(products)
      .onConflict((conflict) => conflict.column('sku').doNothing())
      .execute()
  }

  /** The catalogue in display order. */
  async list(): Promise<ProductRecord[]> {
    const { rows } = await this.db.executeQuery(this.queries.list.bind({}))
    return rows.map(toProduct)
  }

  /** The products among `skus` that exist. */
  async find(skus: string[]): Promise<ProductRecord[]> {
    if (skus.length === 0) return []
    const { rows } = await this.db.executeQuery(
      this.queries.find.bind({ skus: JSON.stringify(skus) }),
    )
    return rows.map(toProduct)
  }
}
