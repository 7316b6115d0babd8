import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The BFF package's folder: the nearest folder above `from` with a package.json. Found rather than
 * counted, because this module runs from `src/catalogue/` under tsx and from `dist/main.js` in the
 * compiled build (apps/bff/README.md, running in production).
 */
function packageDirAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

/** Where the committed pictures are (drawn by e2e/scripts/draw-product-images.ts). */
const IMAGES_DIR = join(packageDirAbove(import.meta.dirname), 'src', 'catalogue', 'images')

/** The picture of a product that has none of its own. */
const PLACEHOLDER = '_placeholder'

/** The product pictures, each under a URL that names its content, so it can be cached for good. */
export interface ProductImages {
  /** The versioned URL of a product's picture (`/images/<sku>.<hash>.png`), or the placeholder's. */
  urlOf(sku: string): string
  /** The PNG bytes served under `/images/<file>`, if that is a current versioned name. */
  file(name: string): Buffer | undefined
}

/** Reads every `<name>.png` of `dir` once and names each by the first 10 hex of its SHA-256. */
export function loadProductImages(dir = IMAGES_DIR): ProductImages {
  const bySku = new Map<string, string>()
  const files = new Map<string, Buffer>()
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.png')) continue
    const bytes = readFileSync(join(dir, entry))
    const version = createHash('sha256').update(bytes).digest('hex').slice(0, 10)
    const name = `${entry.slice(0, -'.png'.length)}.${version}.png`
    bySku.set(entry.slice(0, -'.png'.length), name)
    files.set(name, bytes)
  }
  const placeholder = bySku.get(PLACEHOLDER)
  if (placeholder === undefined) throw new Error(`${dir} has no ${PLACEHOLDER}.png`)
  return {
    urlOf: (sku) => `/images/${bySku.get(sku) ?? placeholder}`,
    file: (name) => files.get(name),
  }
}

/** The committed product pictures, read once when the BFF starts. */
export const productImages: ProductImages = loadProductImages()
