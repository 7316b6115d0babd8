/**
 * Reads the base template Taro generated (`base.wxml` / `base.axml`) to learn, for each
 * compressed node name (`nn`), which component it renders, whether it is a text node, whether it
 * binds or catches `tap`, and which short data key carries each attribute.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Platform } from './platform'

/** What one `nn` renders. */
export interface NodeTemplate {
  /** The component tag (`view`, `button`, `text`, …), or `#text` for a text node. */
  tag: string
  /** How the template wires `tap` to Taro's `eh`: bound (bubbles on), caught (stops), or not at all. */
  tap: 'bind' | 'catch' | 'none'
  /** Attribute name → the node's data key holding it (e.g. `disabled` → `p1`). */
  attributes: Record<string, string>
}

/** Every `nn` of one build, from its level-0 templates. */
export type TemplateMap = ReadonlyMap<string, NodeTemplate>

/** Parses `base.wxml` (weapp) or `base.axml` (alipay) of the build in `distDir`. */
export function readTemplates(distDir: string, platform: Platform): TemplateMap {
  const file = join(distDir, platform === 'weapp' ? 'base.wxml' : 'base.axml')
  const source = readFileSync(file, 'utf8')
  const templates = new Map<string, NodeTemplate>()
  const pattern = /<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([^>]*)>/g
  for (const match of source.matchAll(pattern)) {
    const [, nn, tag, attributeText] = match
    if (nn === undefined || tag === undefined || attributeText === undefined) continue
    if (tag === 'block' && /\{\{i\.v\}\}/.test(source.slice(match.index, match.index + 200))) {
      templates.set(nn, { tag: '#text', tap: 'none', attributes: {} })
      continue
    }
    const tapName = platform === 'weapp' ? /\b(bind|catch)tap="eh"/ : /\b(on|catch)Tap="eh"/
    const tap = tapName.exec(attributeText)?.[1]
    const attributes: Record<string, string> = {}
    for (const attribute of attributeText.matchAll(
      /([a-zA-Z-]+)="\{\{[^}"]*?\bi\.(p\d+|cl|st)\b/g,
    )) {
      if (attribute[1] !== undefined && attribute[2] !== undefined)
        attributes[attribute[1]] = attribute[2]
    }
    templates.set(nn, {
      tag,
      tap: tap === undefined ? 'none' : tap === 'catch' ? 'catch' : 'bind',
      attributes,
    })
  }
  if (templates.size === 0) throw new Error(`no node templates found in ${file}`)
  return templates
}
