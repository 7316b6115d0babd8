/**
 * The page tree a mini-program renders, rebuilt from what Taro sends to `setData`: compressed
 * paths (`root.cn.[0].cn.[2].v`) with short keys (`nn` node name, `cn` children, `v` text, `sid`
 * Taro's node id, `uid` the id the page gave it, `cl` class, `p0…` attributes).
 */
import type { NodeTemplate, TemplateMap } from './template-bindings'

/** One node of Taro's data as the page holds it. */
export interface RawNode {
  nn?: string
  sid?: string
  uid?: string
  v?: string
  cl?: string
  cn?: RawNode[]
  [key: string]: unknown
}

/** A node with what the templates say about it, its parent, and its text. */
export interface PageNode {
  raw: RawNode
  template: NodeTemplate | undefined
  parent: PageNode | undefined
  children: PageNode[]
  /** `uid || sid`: what the platform puts in `currentTarget.id`. */
  id: string
  /** The text this node shows, its descendants' text nodes joined, whitespace collapsed. */
  text: string
}

/** Applies one `setData` payload to `data`, the way both platforms interpret Taro's paths. */
export function applySetData(
  data: Record<string, unknown>,
  payload: Record<string, unknown>,
): void {
  for (const [path, value] of Object.entries(payload)) {
    const keys = parsePath(path)
    let target: Record<string, unknown> | unknown[] = data
    for (const [index, key] of keys.entries()) {
      const last = index === keys.length - 1
      const container = target as Record<string | number, unknown>
      if (last) {
        container[key] = cloneData(value)
        break
      }
      let next = container[key]
      if (typeof next !== 'object' || next === null) {
        next = typeof keys[index + 1] === 'number' ? [] : {}
        container[key] = next
      }
      target = next as Record<string, unknown>
    }
  }
}

/** `a.b[0].c`, `a.b.[0].c` and `a.b.0.c`-free paths → keys; numbers for `[n]`. */
export function parsePath(path: string): (string | number)[] {
  const keys: (string | number)[] = []
  for (const part of path.split('.')) {
    if (part === '') continue
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part)
    if (match === null) {
      keys.push(part)
      continue
    }
    if (match[1] !== undefined && match[1] !== '') keys.push(match[1])
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]))
  }
  return keys
}

// setData copies what it is given (the view layer gets a serialised snapshot), so later mutation
// of the logic layer's objects never shows on screen without another setData.
function cloneData(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown)
}

/** Builds the tree under `root.cn` of a page's data. */
export function buildTree(data: Record<string, unknown>, templates: TemplateMap): PageNode[] {
  const root = data.root as RawNode | undefined
  return (root?.cn ?? []).map((raw) => toNode(raw, undefined, templates))
}

function toNode(raw: RawNode, parent: PageNode | undefined, templates: TemplateMap): PageNode {
  const node: PageNode = {
    raw,
    template: raw.nn === undefined ? undefined : templates.get(String(raw.nn)),
    parent,
    children: [],
    id: raw.uid ?? raw.sid ?? '',
    text: '',
  }
  node.children = (raw.cn ?? []).map((child) => toNode(child, node, templates))
  node.text =
    node.template?.tag === '#text'
      ? String(raw.v ?? '')
      : node.children.map((child) => child.text).join('')
  return node
}

/** Every element (not text node) under `nodes`, depth first. */
export function elements(nodes: PageNode[]): PageNode[] {
  const found: PageNode[] = []
  const walk = (list: PageNode[]) => {
    for (const node of list) {
      if (node.template?.tag !== '#text') found.push(node)
      walk(node.children)
    }
  }
  walk(nodes)
  return found
}

/** The visible text of a whole page: each element's own text on a line. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** True when `node` is a button the page disabled (a disabled button ignores taps). */
export function isDisabled(node: PageNode): boolean {
  if (node.template?.tag !== 'button') return false
  const key = node.template.attributes.disabled
  return key !== undefined && node.raw[key] === true
}
