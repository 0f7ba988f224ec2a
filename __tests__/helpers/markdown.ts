// Reads a rendered dashboard the way GitHub would: the human part above the
// state block, its tables, and anything in it that would mention someone.

import { STATE_OPEN } from '../../src/dashboard/state.js'

/** Everything above the machine-readable state block. */
export function humanPart(body: string): string {
  const start = body.lastIndexOf(STATE_OPEN)
  return start === -1 ? body : body.slice(0, start)
}

/** The JSON text inside the last state block. */
export function stateJson(body: string): string {
  const start = body.lastIndexOf(STATE_OPEN)
  const end = body.lastIndexOf('-->')
  return body.slice(start + STATE_OPEN.length, end)
}

/** Where `token` occurs not escaped by an odd run of backslashes. */
export function unescaped(text: string, token: string): number[] {
  const found: number[] = []
  for (let i = text.indexOf(token); i !== -1; i = text.indexOf(token, i + 1)) {
    let slashes = 0
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++
    if (slashes % 2 === 0) found.push(i)
  }
  return found
}

/** Pipes that separate cells: those not escaped by a backslash. */
export function cellSeparators(line: string): number {
  return unescaped(line, '|').length
}

export interface Table {
  header: string
  rows: string[]
}

/** Every table: consecutive lines starting with "|" (header, delimiter, rows). */
export function tables(markdown: string): Table[] {
  const found: Table[] = []
  let current: string[] = []
  const flush = (): void => {
    if (current.length >= 2)
      found.push({ header: current[0] as string, rows: current.slice(2) })
    current = []
  }
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) current.push(line)
    else flush()
  }
  flush()
  return found
}

/** The table whose header starts with `start`. */
export function table(markdown: string, start: string): Table | undefined {
  return tables(markdown).find((t) => t.header.startsWith(start))
}

/**
 * Text GitHub would turn into a mention: "@" right before a letter or digit
 * (an "@" followed by a zero-width space does not ping).
 */
export function mentions(markdown: string): string[] {
  return [...markdown.matchAll(/@[A-Za-z0-9][\w-]*/g)].map((m) => m[0])
}
