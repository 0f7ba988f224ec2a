// Checks the licences of the dependencies bundled into dist/ against an
// allow-list, and fails naming any dependency with another licence or none.
// Usage: node scripts/check-licenses.js [bundle directories…]
// (default: dist and dist/cli).
//
// ncc writes licenses.txt with license-webpack-plugin, one entry per package
// sorted by name: the package name, its licence identifier (from its
// package.json; the line is left out when there is none), its licence text,
// a blank line. It writes the file once per chunk under the same name, so
// when the bundle is split into chunks the last chunk's list wins and the
// packages of the others are missing. The packages actually bundled are
// therefore read from the source maps, and a package missing from
// licenses.txt is checked by its own package.json and reported.

import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Licences whose terms a bundled copy meets by shipping licenses.txt. */
export const ALLOWED = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD'
]

/**
 * Permissive licences that are not on the list yet. A dependency under one of
 * them still fails the check, with a line saying it is permissive, so that
 * adding it is a decision someone makes.
 */
export const PERMISSIVE_NOT_LISTED = [
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'Python-2.0',
  'Zlib',
  'MIT-0',
  'BSD-1-Clause'
]

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/
const LICENSE_ID = /^[A-Za-z0-9.+-]+$/
const EXPRESSION = /^[A-Za-z0-9.+()\s-]+$/

/**
 * The entries of a licenses.txt as ncc writes it: a header is a package name
 * at the start of the file or after a blank line, followed by its licence
 * identifier, or by nothing. A paragraph of licence text never looks like
 * that: its lines hold spaces or end in punctuation.
 */
export function parseLicensesTxt(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const entries = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const atStart = i === 0 || lines[i - 1] === ''
    if (!atStart || !PACKAGE_NAME.test(line)) continue
    const next = lines[i + 1] ?? ''
    if (next === '') entries.push({ name: line, license: null })
    else if (isExpression(next)) entries.push({ name: line, license: next })
  }
  return entries
}

function isExpression(text) {
  return EXPRESSION.test(text) && parseExpression(text) !== null
}

/**
 * An SPDX expression as a tree, or null when it is not one:
 * `MIT`, `(MIT OR Apache-2.0)`, `MIT AND ISC`, `Apache-2.0 WITH LLVM-exception`.
 */
export function parseExpression(text) {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? []
  let at = 0
  const peek = () => tokens[at]
  const or = () => {
    let left = and()
    while (left && /^or$/i.test(peek() ?? '')) {
      at++
      const right = and()
      left = right && { op: 'OR', left, right }
    }
    return left
  }
  const and = () => {
    let left = term()
    while (left && /^and$/i.test(peek() ?? '')) {
      at++
      const right = term()
      left = right && { op: 'AND', left, right }
    }
    return left
  }
  const term = () => {
    const token = tokens[at++]
    if (token === '(') {
      const inner = or()
      return tokens[at++] === ')' ? inner : null
    }
    if (!token || !LICENSE_ID.test(token) || /^(or|and|with)$/i.test(token))
      return null
    // An exception only adds permissions to the licence it follows.
    if (/^with$/i.test(peek() ?? '')) {
      at++
      if (!LICENSE_ID.test(tokens[at++] ?? '')) return null
    }
    return { id: token.replace(/\+$/, '') }
  }
  const tree = tokens.length ? or() : null
  return tree && at === tokens.length ? tree : null
}

/** Whether a dependency under this expression may be bundled. */
export function allowed(expression, list = ALLOWED) {
  const tree = parseExpression(expression)
  const ok = (node) =>
    node.op === 'OR'
      ? ok(node.left) || ok(node.right)
      : node.op === 'AND'
        ? ok(node.left) && ok(node.right)
        : list.includes(node.id)
  return tree !== null && ok(tree)
}

/**
 * The packages whose code is in a bundle, by the sources of its source maps:
 * name → the package's directory (the innermost node_modules/<name>) under
 * root. ncc writes every source as `.././node_modules/…` whatever the depth
 * of the output directory, so the path is read from its first node_modules.
 */
export function bundledPackages(dir, root) {
  const packages = new Map()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    for (const source of map.sources ?? []) {
      const first = source.indexOf('node_modules/')
      const last = source.lastIndexOf('node_modules/')
      const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
        source.slice(Math.max(last, 0))
      )?.[1]
      if (first < 0 || !name || packages.has(name)) continue
      const directory = source.slice(first, last) + 'node_modules/' + name
      packages.set(name, resolve(root, directory))
    }
  }
  return packages
}

/**
 * The licence a package declares in its package.json, as ncc reads it; null
 * when it declares none, undefined when the package is not installed.
 */
export function declaredLicense(directory) {
  const file = join(directory, 'package.json')
  if (!existsSync(file)) return undefined
  const json = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof json.license === 'string') return json.license
  if (json.license && typeof json.license.type === 'string')
    return json.license.type
  if (Array.isArray(json.licenses) && json.licenses.length > 0)
    return json.licenses.map((l) => l.type).join(' OR ')
  return null
}

/**
 * Checks one bundle directory. Returns the problems (each one line naming
 * the dependency) and the notes (packages ncc left out of licenses.txt).
 */
export function checkBundle(dir, root = process.cwd()) {
  const where = relative(root, dir) || '.'
  const file = join(dir, 'licenses.txt')
  if (!existsSync(file))
    return {
      problems: [`${where}/licenses.txt: missing; run npm run build`],
      notes: [],
      checked: []
    }
  const listed = new Map(
    parseLicensesTxt(readFileSync(file, 'utf8')).map((e) => [e.name, e.license])
  )
  const bundled = bundledPackages(dir, root)
  const notes = []
  const checked = []
  for (const [name, directory] of bundled)
    if (!listed.has(name)) {
      listed.set(name, declaredLicense(directory))
      notes.push(name)
    }
  const problems = []
  for (const [name, license] of [...listed].sort(([a], [b]) =>
    a < b ? -1 : 1
  )) {
    checked.push({ name, license })
    if (license === undefined)
      problems.push(
        `${where}: ${name} is bundled but not installed, so its licence cannot be read; run npm ci`
      )
    else if (license === null)
      problems.push(
        `${where}: ${name} declares no licence; allowed: ${ALLOWED.join(', ')}`
      )
    else if (!allowed(license)) {
      const permissive = allowed(license, PERMISSIVE_NOT_LISTED)
        ? ' (a permissive licence not on the list yet: add it to ALLOWED in scripts/check-licenses.js if it is acceptable)'
        : ''
      problems.push(
        `${where}: ${name} is licensed "${license}"${permissive}; allowed: ${ALLOWED.join(', ')}`
      )
    }
  }
  return { problems, notes, checked }
}

function main(args) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const dirs = args.length ? args : ['dist', join('dist', 'cli')]
  let problems = 0
  for (const arg of dirs) {
    const dir = resolve(root, arg)
    const result = checkBundle(dir, root)
    for (const problem of result.problems) console.error(problem)
    problems += result.problems.length
    if (result.notes.length)
      console.log(
        `${arg}: not in licenses.txt (ncc keeps one chunk's list), checked by package.json: ${result.notes.join(', ')}`
      )
    if (result.problems.length === 0)
      console.log(
        `ok: ${arg}: ${result.checked.length} dependencies, ${[...new Set(result.checked.map((c) => c.license))].sort().join(', ')}`
      )
  }
  if (problems > 0) process.exitCode = 1
}

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === resolve(process.argv[1])
)
  main(process.argv.slice(2))
