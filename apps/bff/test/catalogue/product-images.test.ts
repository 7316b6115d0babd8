import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DEMO_CATALOGUE } from '../../src/catalogue/demo-catalogue'
import { loadProductImages, productImages } from '../../src/catalogue/product-images'

describe('the product pictures', () => {
  it('has a committed picture of a few KB for every demo product', () => {
    for (const product of DEMO_CATALOGUE) {
      const url = productImages.urlOf(product.sku)
      expect(url).toMatch(new RegExp(`^/images/${product.sku}\\.[0-9a-f]{10}\\.png$`))
      const bytes = productImages.file(url.slice('/images/'.length))
      expect(bytes?.length).toBeGreaterThan(500)
      expect(bytes?.length).toBeLessThan(8 * 1024)
    }
  })

  it('gives a product without a picture the placeholder’s URL', () => {
    expect(productImages.urlOf('no-such-product')).toMatch(
      /^\/images\/_placeholder\.[0-9a-f]{10}\.png$/,
    )
  })

  it('names a picture by its bytes, so changed bytes get a new URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'product-images-'))
    writeFileSync(join(dir, '_placeholder.png'), 'placeholder')
    writeFileSync(join(dir, 'tea.png'), 'first')
    const first = loadProductImages(dir).urlOf('tea')
    writeFileSync(join(dir, 'tea.png'), 'second')
    const second = loadProductImages(dir)
    expect(second.urlOf('tea')).not.toBe(first)
    expect(second.file(first.slice('/images/'.length))).toBeUndefined()
    expect(second.file(second.urlOf('tea').slice('/images/'.length))?.toString()).toBe('second')
  })

  it('refuses a folder without the placeholder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'product-images-'))
    expect(() => loadProductImages(dir)).toThrow(/_placeholder\.png/)
  })
})
