import { setTimeout as sleep } from 'node:timers/promises'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadEnv } from '../../src/env'
import { openDatabase, type OpenDatabase } from '../../src/store/open-database'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { CART, CART_AMOUNT, createOrder } from '../support/orders'
import { CANARIES, startTestApp, type TestApp } from '../support/test-app'

const SKU = CART.items[0]?.sku ?? ''
const QUANTITY = CART.items[0]?.quantity ?? 0

/** The amount of a create answer and the listed price of SKU. */
async function pricesSeenBy(app: TestApp, token: string) {
  const created = await createOrder(app, token)
  expect(created.status).toBe(201)
  const listed = await app.request('GET', '/api/products')
  const products = (listed.json as { products: { sku: string; price: number }[] }).products
  return {
    amount: (created.json as { order: { amount: number } }).order.amount,
    listed: products.find((product) => product.sku === SKU)?.price,
  }
}

describe.each(TEST_DATABASES)('a price edited in the catalogue table, on %s', (db) => {
  let database: FreshDatabase
  let editor: OpenDatabase
  let snapshotted: TestApp
  let direct: TestApp
  let oldPrice = 0
  const setPrice = (price: number) =>
    editor.db.updateTable('products').set({ price }).where('sku', '=', SKU).execute()

  beforeAll(async () => {
    database = await freshDatabase(db)
    const env = { MAX_OPEN_ORDERS_PER_SHOPPER: '100' }
    snapshotted = await startTestApp({
      db,
      database,
      env: { ...env, CATALOGUE_MAX_AGE_MS: '200' },
    })
    direct = await startTestApp({
      db,
      database,
      sim: snapshotted.sim,
      env: { ...env, CATALOGUE_MAX_AGE_MS: '0' },
    })
    editor = await openDatabase(database.url)
    const row = await editor.db
      .selectFrom('products')
      .select('price')
      .where('sku', '=', SKU)
      .executeTakeFirstOrThrow()
    oldPrice = Number(row.price)
  })
  afterAll(async () => {
    await editor.db.destroy()
    await direct.close()
    await snapshotted.close()
    await database.drop()
  })

  it('reaches new orders and the product list at once with CATALOGUE_MAX_AGE_MS=0, and after at most the age otherwise', async () => {
    const alice = await snapshotted.login('wechat-miniprogram', 'alice')
    const bob = await direct.login('wechat-miniprogram', 'bob')
    // Both have read the catalogue before the edit.
    expect(await pricesSeenBy(snapshotted, alice)).toEqual({
      amount: CART_AMOUNT,
      listed: oldPrice,
    })
    expect(await pricesSeenBy(direct, bob)).toEqual({ amount: CART_AMOUNT, listed: oldPrice })

    await setPrice(oldPrice + 100)
    expect(await pricesSeenBy(direct, bob)).toEqual({
      amount: CART_AMOUNT + QUANTITY * 100,
      listed: oldPrice + 100,
    })
    // Past the age, every snapshot read before the edit has been read again.
    await sleep(250)
    expect(await pricesSeenBy(snapshotted, alice)).toEqual({
      amount: CART_AMOUNT + QUANTITY * 100,
      listed: oldPrice + 100,
    })
  })
})

describe('CATALOGUE_MAX_AGE_MS', () => {
  const settings = (value?: string) =>
    loadEnv({
      NOTIFY_SECRET: CANARIES.NOTIFY_SECRET,
      ADMIN_TOKEN: CANARIES.ADMIN_TOKEN,
      WECHAT_MINIPROGRAM_SECRET: 's',
      WECHAT_OA_SECRET: 's',
      ...(value === undefined ? {} : { CATALOGUE_MAX_AGE_MS: value }),
    })

  it('is a second by default, takes 0 to switch the snapshot off, and refuses what is not 0 to 60000', () => {
    expect(settings().CATALOGUE_MAX_AGE_MS).toBe(1000)
    expect(settings('0').CATALOGUE_MAX_AGE_MS).toBe(0)
    expect(() => settings('-1')).toThrow(/CATALOGUE_MAX_AGE_MS: must be 0 or more/)
    expect(() => settings('60001')).toThrow(/CATALOGUE_MAX_AGE_MS: must be at most 60000/)
    expect(() => settings('1.5')).toThrow(/CATALOGUE_MAX_AGE_MS: must be an integer/)
  })
})
