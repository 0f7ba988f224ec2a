// Checks README.md against what it documents: the first commands a newcomer
// runs, the action's inputs and outputs (action.yml), every key of the
// configuration (schema/runbook.schema.json), the npm scripts, the local
// tool's commands and options (src/cli.ts) and every relative link.

import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { COMMANDS, main } from '../src/cli.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

const README = read('README.md')

interface ActionYml {
  inputs: Record<string, { default?: unknown }>
  outputs: Record<string, unknown>
}
const ACTION = parse(read('action.yml')) as ActionYml

interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  default?: unknown
}
const SCHEMA = JSON.parse(read('schema/runbook.schema.json')) as JsonSchema

const SCRIPTS = (
  JSON.parse(read('package.json')) as { scripts: Record<string, string> }
).scripts

// A fenced code block, possibly indented inside a list item.
const FENCE = /^ {0,3}```[^\n]*\n([\s\S]*?)^ {0,3}```[ \t]*$/gm

/** The contents of every fenced code block, in order. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(FENCE)].map((m) => m[1] ?? '')
}

/** The markdown without its fenced code blocks. */
function prose(markdown: string): string {
  return markdown.replace(FENCE, '')
}

/** The contents of every inline code span outside code blocks. */
function inlineCode(markdown: string): string[] {
  return [...prose(markdown).matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '')
}

/** GitHub's anchor for each heading (outside code blocks). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const m of prose(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*$/gm)) {
    const slug = (m[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    result.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return result
}

/** Splits a table line into its trimmed cells. */
function cells(line: string): string[] {
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

/** The body rows of the table that starts at line `start` (its header). */
function tableAt(lines: string[], start: number): string[][] {
  const rows: string[][] = []
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break
    rows.push(cells(line))
  }
  if (rows.length < 3) throw new Error(`no table at line ${start + 1}`)
  // Without the header and the --- line.
  return rows.slice(2)
}

/** The body rows of the first table after the heading `## title`. */
function tableAfter(title: string): string[][] {
  const lines = README.split('\n')
  const heading = lines.indexOf(`## ${title}`)
  if (heading < 0) throw new Error(`README.md has no heading "## ${title}"`)
  const start = lines.findIndex(
    (line, i) => i > heading && line.startsWith('|')
  )
  if (start < 0 || lines.slice(heading + 1, start).some((l) => l[0] === '#'))
    throw new Error(`no table in "## ${title}"`)
  return tableAt(lines, start)
}

/** The body rows of the table whose header line starts with `header`. */
function tableHeaded(header: string): string[][] {
  const lines = README.split('\n')
  const start = lines.findIndex((line) => line.startsWith(header))
  if (start < 0) throw new Error(`README.md has no table "${header}"`)
  return tableAt(lines, start)
}

/** The text of a cell that is one code span, else null. */
function loneCode(cell: string): string | null {
  const m = /^`([^`]*)`$/.exec(cell)
  return m ? (m[1] ?? '') : null
}

/** The first column of each row, a code span: the name it documents. */
function names(rows: string[][]): string[] {
  return rows.map((row) => {
    const name = loneCode(row[0] ?? '')
    if (name === null) throw new Error(`not a code span: ${row[0]}`)
    return name
  })
}

interface SchemaKey {
  key: string
  type: string
  default?: unknown
}

/** Every key of the schema: properties, nested objects and array items. */
function schemaKeys(schema: JsonSchema, prefix = ''): SchemaKey[] {
  const keys: SchemaKey[] = []
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const key = prefix + name
    const type =
      sub.type === 'array' ? `${sub.items?.type ?? 'unknown'}[]` : sub.type
    keys.push({
      key,
      type: type ?? 'unknown',
      ...('default' in sub ? { default: sub.default } : {})
    })
    if (sub.type === 'object') keys.push(...schemaKeys(sub, `${key}.`))
    if (sub.items?.type === 'object')
      keys.push(...schemaKeys(sub.items, `${key}[].`))
  }
  return keys
}

/** How a default is written in a table: the value, as YAML would show it. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

describe('README.md', () => {
  test('opens with the two commands a newcomer runs, before any section', () => {
    const first = codeBlocks(README)[0] ?? ''
    const commands = first
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
    expect(commands).toContain('npm ci && npm run demo')
    expect(commands).toContain('npm test')
    expect(README.indexOf(first)).toBeLessThan(README.indexOf('\n## '))
  })

  test('links the operator guide before the first section', () => {
    const guide = README.indexOf('](docs/AI_AGENT_RUNBOOK.md)')
    expect(guide).toBeGreaterThan(0)
    expect(guide).toBeLessThan(README.indexOf('\n## '))
  })

  test("the inputs table lists exactly action.yml's inputs, with their defaults", () => {
    const rows = tableAfter('Inputs')
    expect(names(rows)).toEqual(Object.keys(ACTION.inputs))
    for (const row of rows) {
      const name = loneCode(row[0] ?? '') ?? ''
      const documented = loneCode(row[1] ?? '')
      const actual = String(ACTION.inputs[name]?.default ?? '')
      expect([name, documented === "''" ? '' : documented]).toEqual([
        name,
        actual
      ])
    }
  })

  test("the outputs table lists exactly action.yml's outputs", () => {
    expect(names(tableAfter('Outputs'))).toEqual(Object.keys(ACTION.outputs))
  })

  test('the configuration reference lists exactly the schema keys, types and defaults', () => {
    const keys = schemaKeys(SCHEMA)
    expect(keys.length).toBeGreaterThan(20)
    const rows = tableAfter('Configuration reference')
    expect(names(rows)).toEqual(keys.map((k) => k.key))
    for (const [i, row] of rows.entries()) {
      const key = keys[i] as SchemaKey
      expect([key.key, loneCode(row[1] ?? '')]).toEqual([key.key, key.type])
      // A lone code span in the default column is a schema default; any
      // other text (required, none, any 2xx…) describes a key without one.
      const documented = loneCode(row[2] ?? '')
      expect([key.key, documented]).toEqual([
        key.key,
        'default' in key ? shown(key.default) : null
      ])
      expect(row[3]).toBeTruthy()
    }
  })

  test('every `npm run` script it mentions exists in package.json', () => {
    const mentioned = [
      ...README.matchAll(/\bnpm run(?:\s+-s)?\s+([\w:-]+)/g)
    ].map((m) => m[1] ?? '')
    expect(mentioned).toEqual(
      expect.arrayContaining(['demo', 'all', 'build', 'bench', 'local-action'])
    )
    for (const script of new Set(mentioned))
      expect([script, script in SCRIPTS]).toEqual([script, true])
  })

  test('every `runbook <command>` it mentions is a command of the local tool', () => {
    const code = [...codeBlocks(README), ...inlineCode(README)]
      // Comments are prose: "# the whole runbook on stand-in services".
      .map((text) => text.replace(/(^|\s)#.*$/gm, ''))
      .join('\n')
    const mentioned = [
      ...code.matchAll(/(?<![\w./@-])runbook[ \t]+([a-z][\w-]*)/g)
    ].map((m) => m[1] ?? '')
    expect(mentioned.length).toBeGreaterThan(10)
    for (const command of new Set(mentioned))
      expect([command, COMMANDS.includes(command as never)]).toEqual([
        command,
        true
      ])
  })

  describe('the local tool', () => {
    afterEach(() => {
      jest.restoreAllMocks()
    })

    test('the commands table lists exactly the commands of src/cli.ts', () => {
      expect(names(tableAfter('The local tool')).sort()).toEqual(
        [...COMMANDS].sort()
      )
    })

    test('the options table lists exactly the options of `runbook --help`', async () => {
      const printed: string[] = []
      jest.spyOn(console, 'log').mockImplementation((text: unknown) => {
        printed.push(String(text))
      })
      expect(await main(['--help'])).toBe(0)
      const usage = printed.join('\n')
      const options = [...usage.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map(
        (m) => m[1] ?? ''
      )
      expect(options).toContain('--json')
      const documented = tableHeaded('| option ').map(
        (row) => /^`(?:-\w`, `)?(--[\w-]+)/.exec(row[0] ?? '')?.[1]
      )
      expect(documented).toEqual(options)
    })

    test('the exit codes are 0, 1 and 2', () => {
      const codes = tableHeaded('| exit code ').map((row) => row[0])
      expect(codes).toEqual(['0', '1', '2'])
    })
  })

  test('the demo keeps its state in its own directory, apart from the commands run in the checkout', () => {
    const demoDir = /const STATE_DIR = '([^']+)'/.exec(
      read('scripts/demo.js')
    )?.[1]
    const cliDefault = /--state-dir DIR .*\(default: ([^)]+)\)/.exec(
      read('src/cli.ts')
    )?.[1]
    expect(cliDefault).toBe('.runbook')
    expect(demoDir).toBe('.runbook/demo')
    expect(README).toContain(`\`${demoDir}/dashboard.md\``)
    // The newcomer's own commands from the checkout use the default state.
    const tryIt = README.slice(
      README.indexOf('### 3. Try it on your own services'),
      README.indexOf('## Add it to a repository')
    )
    const commands = codeBlocks(tryIt)
      .join('\n')
      .split('\n')
      .filter((line) => /^(npx )?runbook /.test(line))
    expect(commands.length).toBeGreaterThan(5)
    for (const command of commands) expect(command).not.toContain('--state-dir')
    // And the README says where each of them keeps its state.
    expect(tableHeaded('| run ').map((row) => row[0])).toEqual(
      expect.arrayContaining([
        '`npm run demo`',
        '`npx runbook …` in this checkout'
      ])
    )
  })

  test('says how long the tests take and how to run one test file', () => {
    const one = /`npm test -- (__tests__\/[\w.-]+\.test\.ts)`/.exec(README)
    expect(one).not.toBeNull()
    expect(existsSync(join(ROOT, one?.[1] ?? ''))).toBe(true)
    const development = README.slice(README.indexOf('## Development'))
    expect(development).toMatch(/whole of `npm test` takes about \d+ minutes/)
  })

  test('every relative link points to an existing file and heading', () => {
    const own = anchors(README)
    const links = [
      ...prose(README).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)
    ].map((m) => m[1] ?? '')
    expect(links.length).toBeGreaterThan(10)
    for (const link of links) {
      if (/^[a-z][\w+.-]*:/i.test(link)) continue
      const [path = '', anchor] = link.split('#', 2)
      if (path === '') {
        expect([link, own.has(anchor ?? '')]).toEqual([link, true])
        continue
      }
      const file = join(ROOT, decodeURI(path))
      expect([link, existsSync(file)]).toEqual([link, true])
      if (anchor && file.endsWith('.md'))
        expect([
          link,
          anchors(readFileSync(file, 'utf8')).has(anchor.toLowerCase())
        ]).toEqual([link, true])
    }
    // The links the reader needs most.
    expect(links).toEqual(
      expect.arrayContaining([
        'docs/AI_AGENT_RUNBOOK.md',
        'docs/benchmarks.md',
        'schema/runbook.schema.json',
        '.github/workflows/ai-agent-handoff-runbook.yml'
      ])
    )
  })
})
