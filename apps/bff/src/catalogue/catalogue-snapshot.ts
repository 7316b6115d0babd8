import type { ProductRecord } from '../store/records'

/** Where carts are priced from and the product list is read: the catalogue table, or a snapshot of it. */
export interface ProductLookup {
  /** The products among `skus` that exist. */
  find(skus: string[]): Promise<ProductRecord[]>
  /** The catalogue in display order. */
  list(): Promise<ProductRecord[]>
}

/** Above this many products the snapshot steps aside and every lookup reads the table. */
export const SNAPSHOT_MAX_PRODUCTS = 5000

interface Snapshot {
  products: readonly ProductRecord[]
  bySku: Map<string, ProductRecord>
  /** Monotonic time (performance.now) at which the read that filled it started. */
  readStarted: number
}

/**
 * The whole catalogue held in memory for at most `maxAgeMs` of real time, counted from the start
 * of the read that filled it, so a create does not pay a database round trip to price its cart.
 * The catalogue changes only when someone edits the table (the BFF itself only seeds it), and a
 * change is seen by every lookup that starts more than `maxAgeMs` after it committed, on every
 * instance. Concurrent lookups past the age share one read; a failed read is not kept (its callers
 * get its error, the next lookup reads again). A catalogue larger than `maxProducts` is not held:
 * lookups then go to the table for the rest of the process's life, as with no snapshot.
 */
export class CatalogueSnapshot implements ProductLookup {
  private snapshot: Snapshot | undefined
  private reading: Promise<Snapshot | undefined> | undefined
  private tooLarge = false

  constructor(
    private readonly table: ProductLookup,
    private readonly maxAgeMs: number,
    private readonly maxProducts = SNAPSHOT_MAX_PRODUCTS,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  async find(skus: string[]): Promise<ProductRecord[]> {
    const snapshot = await this.current()
    if (snapshot === undefined) return this.table.find(skus)
    const found: ProductRecord[] = []
    for (const sku of new Set(skus)) {
      const product = snapshot.bySku.get(sku)
      if (product !== undefined) found.push(product)
    }
    return found
  }

  async list(): Promise<ProductRecord[]> {
    const snapshot = await this.current()
    return snapshot === undefined ? this.table.list() : [...snapshot.products]
  }

  /** The snapshot young enough to use, read again when it is not; undefined when it steps aside. */
  private async current(): Promise<Snapshot | undefined> {
    if (this.tooLarge) return undefined
    const held = this.snapshot
    if (held !== undefined && this.monotonic() - held.readStarted < this.maxAgeMs) return held
    this.reading ??= this.read().finally(() => {
      this.reading = undefined
    })
    return this.reading
  }

  private async read(): Promise<Snapshot | undefined> {
    const readStarted = this.monotonic()
    const products = await this.table.list()
    if (products.length > this.maxProducts) {
      this.tooLarge = true
      this.snapshot = undefined
      return undefined
    }
    const frozen = Object.freeze(products.map((product) => Object.freeze({ ...product })))
    const snapshot = {
      products: frozen,
      bySku: new Map(frozen.map((product) => [product.sku, product])),
      readStarted,
    }
    this.snapshot = snapshot
    return snapshot
  }
}
