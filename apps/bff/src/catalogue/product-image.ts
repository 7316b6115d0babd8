import type { DemoProduct } from './demo-catalogue'

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Draws a product's illustration: a coloured tile, its emoji and its name, as a small SVG. */
export function productImageSvg(product: Pick<DemoProduct, 'name' | 'color' | 'emoji'>): string {
  const name = escapeXml(product.name)
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">',
    `<rect width="320" height="320" rx="24" fill="${escapeXml(product.color)}"/>`,
    '<circle cx="160" cy="140" r="86" fill="#ffffff" fill-opacity="0.18"/>',
    `<text x="160" y="172" font-size="96" text-anchor="middle">${escapeXml(product.emoji)}</text>`,
    '<rect x="0" y="252" width="320" height="68" fill="#000000" fill-opacity="0.25"/>',
    `<text x="160" y="294" font-size="22" fill="#ffffff" text-anchor="middle" font-family="sans-serif">${name}</text>`,
    '</svg>',
  ].join('')
}
