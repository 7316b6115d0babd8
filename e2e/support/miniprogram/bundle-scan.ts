/**
 * Finds what the mini-program engines refuse in built JavaScript: references to `globalThis` or
 * `global` (Alipay has neither) and code generation from strings (`eval(…)`, `Function(…)`,
 * `new Function(…)`, refused or neutered on both platforms). Parsed with TypeScript's parser, so
 * comments, strings and property names (`x.global`) never count.
 *
 * Guarded uses cannot break an engine and are not reported: `typeof globalThis` (never throws),
 * a reference inside the branch that `typeof` checked, and code generation inside a `try` whose
 * failure is caught. Webpack's own runtime (`__webpack_require__.g` in runtime.js) is exactly
 * that: `"object" === typeof globalThis ? globalThis : try { this || new Function("return this")() }`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

import ts from 'typescript'

/** One unguarded use found in a bundle. */
export interface EngineHazard {
  file: string
  line: number
  what: string
  code: string
}

const GLOBAL_NAMES = new Set(['globalThis', 'global'])

/** Every unguarded hazard in the `.js` files under `dir`. */
export function scanBuild(dir: string): EngineHazard[] {
  const found: EngineHazard[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (entry.endsWith('.js'))
        found.push(...scanSource(readFileSync(path, 'utf8'), relative(dir, path)))
    }
  }
  walk(dir)
  return found
}

/** Every unguarded hazard in one file's source. */
export function scanSource(source: string, file = 'input.js'): EngineHazard[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  )
  const found: EngineHazard[] = []
  const report = (node: ts.Node, what: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
    const start = Math.max(0, node.getStart(sourceFile) - 40)
    found.push({ file, line: line + 1, what, code: source.slice(start, node.getEnd() + 40) })
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isIdentifier(node) &&
      GLOBAL_NAMES.has(node.text) &&
      isReference(node) &&
      !typeofGuarded(node)
    )
      report(node, node.text)
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression)
    ) {
      const callee = node.expression.text
      if ((callee === 'Function' || callee === 'eval') && !insideTry(node))
        report(node, ts.isNewExpression(node) ? `new ${callee}(…)` : `${callee}(…)`)
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}

// An identifier that names a binding in scope, not a property name, a declaration or a label.
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === node)
    return false
  if (
    ts.isParameter(parent) ||
    ts.isVariableDeclaration(parent) ||
    ts.isFunctionDeclaration(parent)
  )
    return false
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false
  return true
}

function isTypeofOf(expression: ts.Node, name: string): boolean {
  let found = false
  const visit = (node: ts.Node) => {
    if (
      ts.isTypeOfExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === name
    )
      found = true
    ts.forEachChild(node, visit)
  }
  visit(expression)
  return found
}

// `typeof name`, or inside the branch (if / ?: / &&) whose condition applied `typeof name`.
function typeofGuarded(node: ts.Identifier): boolean {
  if (ts.isTypeOfExpression(node.parent)) return true
  for (
    let child: ts.Node = node, parent = node.parent;
    parent !== undefined;
    child = parent, parent = parent.parent
  ) {
    if (
      ts.isIfStatement(parent) &&
      parent.thenStatement === child &&
      isTypeofOf(parent.expression, node.text)
    )
      return true
    if (
      ts.isConditionalExpression(parent) &&
      parent.whenTrue === child &&
      isTypeofOf(parent.condition, node.text)
    )
      return true
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      parent.right === child &&
      isTypeofOf(parent.left, node.text)
    )
      return true
    // A guard outside a function does not cover code that runs later inside it.
    if (ts.isFunctionLike(parent)) return false
  }
  return false
}

function insideTry(node: ts.Node): boolean {
  for (
    let child: ts.Node = node, parent = node.parent;
    parent !== undefined;
    child = parent, parent = parent.parent
  ) {
    if (ts.isTryStatement(parent) && parent.tryBlock === child && parent.catchClause !== undefined)
      return true
    if (ts.isFunctionLike(parent)) return false
  }
  return false
}
