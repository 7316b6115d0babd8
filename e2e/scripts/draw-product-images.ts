/**
 * Draws the demo catalogue's product pictures once and writes them as PNG files next to the
 * catalogue (apps/bff/src/catalogue/images/<sku>.png), where they are committed and served by the
 * BFF. Each picture is a flat drawing in SVG (shapes only: no text, no emoji, so no font is needed
 * anywhere) rendered by Debian's Chromium onto a 320×320 canvas, its colours reduced to a palette
 * and written as an indexed PNG (the encoder below, over node:zlib), so each file is a few KB.
 * Run it again only to change a drawing:
 *
 *   pnpm --filter @quickpay/e2e draw:images
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'

import { chromium } from 'playwright-core'

const OUT = resolve(import.meta.dirname, '../../apps/bff/src/catalogue/images')
const SIZE = 320

/** A tile in the product's colour with a soft disc behind the drawing. */
function tile(background: string, drawing: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 320 320">`,
    `<rect width="320" height="320" fill="${background}"/>`,
    '<circle cx="160" cy="160" r="118" fill="#ffffff" fill-opacity="0.16"/>',
    drawing,
    '</svg>',
  ].join('')
}

const bean = (x: number, y: number, angle: number) =>
  `<g transform="translate(${x} ${y}) rotate(${angle})"><ellipse rx="30" ry="21" fill="#3b2416"/>` +
  '<path d="M-24 0 C-8 -9 8 9 24 0" stroke="#a8734f" stroke-width="5" fill="none" stroke-linecap="round"/></g>'

const berry = (x: number, y: number, angle: number, colour: string, rx = 14, ry = 22) =>
  `<g transform="translate(${x} ${y}) rotate(${angle})"><ellipse rx="${rx}" ry="${ry}" fill="${colour}"/>` +
  `<ellipse cx="-4" cy="-${ry / 2}" rx="3" ry="6" fill="#ffffff" fill-opacity="0.45"/></g>`

/**
 * The drawings, by sku (the skus of apps/bff/src/catalogue/demo-catalogue.ts), and `_placeholder`
 * (a shopping bag) for any product without its own picture.
 */
const DRAWINGS: Record<string, string> = {
  _placeholder: tile(
    '#9aa3ad',
    '<path d="M112 120 Q112 72 160 72 Q208 72 208 120" stroke="#ffffff" stroke-width="12" fill="none"/>' +
      '<path d="M86 114 H234 L246 250 Q246 258 238 258 H82 Q74 258 74 250 Z" fill="#ffffff"/>' +
      '<circle cx="124" cy="146" r="8" fill="#9aa3ad"/><circle cx="196" cy="146" r="8" fill="#9aa3ad"/>',
  ),
  'coffee-beans-500g': tile(
    '#8d5b3f',
    [
      bean(120, 130, -30),
      bean(195, 120, 20),
      bean(160, 190, 80),
      bean(100, 205, 10),
      bean(222, 200, -40),
    ].join(''),
  ),
  'longjing-tea-250g': tile(
    '#6a9f58',
    '<path d="M92 150 H228 L214 236 Q160 254 106 236 Z" fill="#f6f1e3"/>' +
      '<path d="M228 170 Q262 172 254 200 Q246 222 218 218" stroke="#f6f1e3" stroke-width="12" fill="none"/>' +
      '<ellipse cx="160" cy="150" rx="68" ry="14" fill="#b9c98a"/>' +
      '<path d="M150 120 Q120 90 140 62 Q170 86 150 120 Z" fill="#2f6b2a"/>' +
      '<path d="M170 118 Q200 96 196 66 Q162 78 170 118 Z" fill="#3f8a36"/>' +
      '<rect x="70" y="250" width="180" height="10" rx="5" fill="#ffffff" fill-opacity="0.5"/>',
  ),
  'wuchang-rice-5kg': tile(
    '#d8c48a',
    '<path d="M82 168 Q160 96 238 168 Z" fill="#fffdf5"/>' +
      '<path d="M70 168 H250 Q244 236 160 246 Q76 236 70 168 Z" fill="#c0392b"/>' +
      '<path d="M90 190 H230" stroke="#f1c40f" stroke-width="6"/>' +
      '<rect x="120" y="244" width="80" height="14" rx="6" fill="#962d22"/>' +
      '<ellipse cx="130" cy="140" rx="5" ry="9" fill="#ece4cc"/><ellipse cx="165" cy="128" rx="5" ry="9" fill="#ece4cc"/>' +
      '<ellipse cx="195" cy="146" rx="5" ry="9" fill="#ece4cc"/>',
  ),
  'yunnan-mushroom-200g': tile(
    '#a0703c',
    '<path d="M136 170 H184 L192 250 Q160 262 128 250 Z" fill="#f3e6cf"/>' +
      '<path d="M66 176 Q74 84 160 78 Q246 84 254 176 Q160 196 66 176 Z" fill="#6b3a1f"/>' +
      '<circle cx="120" cy="130" r="10" fill="#8a5530"/><circle cx="176" cy="110" r="12" fill="#8a5530"/>' +
      '<circle cx="206" cy="150" r="8" fill="#8a5530"/>',
  ),
  'sichuan-pepper-100g': tile(
    '#b23a2a',
    '<path d="M160 96 Q196 70 232 82 Q212 118 160 96 Z" fill="#3f8a36"/>' +
      '<path d="M160 96 V130" stroke="#4a2c1d" stroke-width="5"/>' +
      [
        [130, 150],
        [160, 140],
        [190, 152],
        [118, 182],
        [148, 176],
        [178, 182],
        [206, 184],
        [134, 212],
        [166, 210],
        [196, 214],
        [150, 240],
        [182, 240],
      ]
        .map(
          ([x, y]) =>
            `<circle cx="${x}" cy="${y}" r="17" fill="#7e1d12"/><circle cx="${x! - 5}" cy="${y! - 5}" r="5" fill="#e0705f"/>`,
        )
        .join(''),
  ),
  'ningxia-goji-500g': tile(
    '#d2452f',
    [
      berry(120, 130, -30, '#ff6a3d'),
      berry(170, 118, 15, '#ff6a3d'),
      berry(214, 150, 40, '#ff6a3d'),
      berry(110, 196, 20, '#ff6a3d'),
      berry(160, 176, -10, '#ff6a3d'),
      berry(206, 210, -35, '#ff6a3d'),
      berry(150, 232, 60, '#ff6a3d'),
    ].join(''),
  ),
  'xinjiang-dates-1kg': tile(
    '#9c2f24',
    [
      berry(122, 136, -25, '#5e140d', 28, 40),
      berry(198, 132, 30, '#6e1a10', 28, 40),
      berry(160, 206, 90, '#5e140d', 28, 40),
    ].join(''),
  ),
  'honey-500g': tile(
    '#e3a521',
    '<rect x="104" y="82" width="112" height="30" rx="8" fill="#8a5a12"/>' +
      '<path d="M96 120 H224 Q236 120 236 134 V236 Q236 254 218 254 H102 Q84 254 84 236 V134 Q84 120 96 120 Z" fill="#fbe3a1"/>' +
      '<path d="M84 170 H236 V236 Q236 254 218 254 H102 Q84 254 84 236 Z" fill="#f0a500"/>' +
      '<path d="M84 170 Q100 196 116 170 Q132 200 148 170" fill="#f0a500"/>' +
      '<rect x="110" y="140" width="100" height="22" rx="6" fill="#ffffff" fill-opacity="0.7"/>',
  ),
  'soy-sauce-1l': tile(
    '#4a2c1d',
    '<rect x="140" y="54" width="40" height="22" rx="4" fill="#c0392b"/>' +
      '<path d="M146 76 H174 V112 Q214 132 214 170 V250 Q214 262 200 262 H120 Q106 262 106 250 V170 Q106 132 146 112 Z" fill="#1b0f08"/>' +
      '<rect x="118" y="170" width="84" height="64" rx="8" fill="#f6f1e3"/>' +
      '<rect x="132" y="186" width="56" height="10" rx="5" fill="#c0392b"/><rect x="132" y="206" width="40" height="8" rx="4" fill="#4a2c1d"/>',
  ),
  'bamboo-towel-3': tile(
    '#5aa5a0',
    '<rect x="78" y="196" width="164" height="48" rx="14" fill="#f4efe6"/>' +
      '<rect x="86" y="148" width="148" height="48" rx="14" fill="#e7d9b9"/>' +
      '<rect x="94" y="100" width="132" height="48" rx="14" fill="#cfe7e4"/>' +
      '<path d="M94 124 H226 M86 172 H234 M78 220 H242" stroke="#ffffff" stroke-opacity="0.7" stroke-width="4"/>',
  ),
  'ceramic-mug': tile(
    '#2f5d9e',
    '<path d="M210 128 Q258 128 256 172 Q254 214 206 212" stroke="#f7f7f2" stroke-width="16" fill="none"/>' +
      '<path d="M92 100 H218 V222 Q218 250 190 250 H120 Q92 250 92 222 Z" fill="#f7f7f2"/>' +
      '<ellipse cx="155" cy="100" rx="63" ry="12" fill="#dfe6ee"/>' +
      '<path d="M110 160 Q132 138 154 160 T198 160" stroke="#2f5d9e" stroke-width="7" fill="none"/>' +
      '<path d="M110 192 Q132 170 154 192 T198 192" stroke="#2f5d9e" stroke-width="7" fill="none"/>' +
      '<circle cx="154" cy="222" r="8" fill="#2f5d9e"/>',
  ),
  'silk-scarf': tile(
    '#b0487a',
    '<path d="M160 60 L260 160 L160 260 L60 160 Z" fill="#f7d9e6"/>' +
      '<path d="M160 92 L228 160 L160 228 L92 160 Z" fill="#d9789f"/>' +
      '<circle cx="160" cy="160" r="26" fill="#f7d9e6"/>' +
      '<path d="M60 160 Q70 200 52 236 M260 160 Q250 200 268 236" stroke="#f7d9e6" stroke-width="8" fill="none"/>',
  ),
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/**
 * An opaque RGB image as an 8-bit indexed PNG: colours are rounded to steps of 16 per channel
 * (flat drawings keep their look, edges stay smooth enough), which leaves well under 256 colours.
 */
function indexedPng(width: number, height: number, rgba: number[]): Buffer {
  const palette = new Map<number, number>()
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y += 1) {
    rows[y * (width + 1)] = 0 // no filter
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4
      const [r, g, b] = [0, 1, 2].map((i) => Math.min(255, Math.round(rgba[at + i]! / 16) * 16))
      const colour = (r! << 16) | (g! << 8) | b!
      let index = palette.get(colour)
      if (index === undefined) {
        index = palette.size
        if (index > 255) throw new Error('more than 256 colours: simplify the drawing')
        palette.set(colour, index)
      }
      rows[y * (width + 1) + 1 + x] = index
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 3, 0, 0, 0], 8) // 8-bit, indexed colour, deflate, no filter, no interlace
  const plte = Buffer.alloc(palette.size * 3)
  for (const [colour, index] of palette) {
    plte.set([colour >> 16, (colour >> 8) & 0xff, colour & 0xff], index * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
try {
  const page = await browser.newPage()
  mkdirSync(OUT, { recursive: true })
  for (const [sku, svg] of Object.entries(DRAWINGS)) {
    const rgba = await page.evaluate(async (source) => {
      const image = new Image()
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const context = canvas.getContext('2d')
      if (context === null) throw new Error('no 2d canvas')
      context.drawImage(image, 0, 0)
      return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data)
    }, svg)
    const bytes = indexedPng(SIZE, SIZE, rgba)
    writeFileSync(join(OUT, `${sku}.png`), bytes)
    console.log(`${sku}.png  ${(bytes.length / 1024).toFixed(1)} KiB`)
  }
} finally {
  await browser.close()
}
