// Every third-party action in every workflow (and example workflow) is pinned
// to a full commit SHA with its version in a comment, so that a moved or
// hijacked tag cannot change what runs; Dependabot updates both together.

import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = process.cwd()

/** Workflow files: .github/workflows and any examples folder, recursively. */
function workflowFiles(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (name === 'node_modules') continue
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.ya?ml$/.test(name)) found.push(relative(ROOT, path))
    }
  }
  for (const dir of [
    '.github/workflows',
    '.github/workflow-templates',
    'examples',
    'docs/examples'
  ])
    walk(join(ROOT, dir))
  return found.sort()
}

interface Use {
  file: string
  line: number
  ref: string
  comment: string
}

/** The action and the comment of a `uses:` line, quoted or not. */
function parseUse(text: string): { ref: string; comment: string } | null {
  const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/.exec(text)
  return m ? { ref: m[2] ?? '', comment: m[3] ?? '' } : null
}

/** Every `uses:` in a file, with what follows it on the line. */
function usesIn(file: string): Use[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const use = parseUse(text)
      return use ? [{ file, line: i + 1, ...use }] : []
    })
}

/**
 * Runbook's own action and reusable workflow, by the major tag each release
 * moves: the reusable workflow cannot name its own commit's SHA, and
 * scripts/release.js checks that the tag is the release's.
 */
const OWN = /^your-org\/runbook(\/\.github\/workflows\/[\w.-]+\.ya?ml)?@v\d+$/

/** Why a `uses:` is not pinned, or null when it is (or is local). */
function pinProblem(ref: string, comment: string): string | null {
  if (ref === './' || ref.startsWith('./')) return null
  if (OWN.test(ref)) return null
  const at = ref.lastIndexOf('@')
  if (at < 0) return `${ref} names no version: pin it to a commit SHA`
  const version = ref.slice(at + 1)
  if (!/^[0-9a-f]{40}$/.test(version))
    return `${ref} is not pinned to a full 40-hex commit SHA`
  if (!/^# v\d+(\.\d+)*\S*$/.test(comment.trim()))
    return `${ref} has no "# vX.Y.Z" comment saying which version the SHA is`
  return null
}

const files = workflowFiles()
const all = files.flatMap(usesIn)
const thirdParty = all.filter(
  (u) => !u.ref.startsWith('./') && !OWN.test(u.ref)
)

describe('pinned actions', () => {
  test('the workflows are found, and they use third-party actions', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        '.github/workflows/codeql.yml'
      ])
    )
    expect(thirdParty.length).toBeGreaterThan(10)
  })

  test('every third-party uses: is a 40-hex SHA followed by a # vX comment', () => {
    const problems = all
      .map((u) => [u, pinProblem(u.ref, u.comment)] as const)
      .filter(([, problem]) => problem !== null)
      .map(([u, problem]) => `${u.file}:${u.line}: ${problem}`)
    expect(problems).toEqual([])
  })

  test('one action is pinned to one commit and one version everywhere', () => {
    const seen = new Map<string, Set<string>>()
    for (const u of thirdParty) {
      // Actions in subfolders of one repository share its commit.
      const repo = u.ref.split('@')[0]?.split('/').slice(0, 2).join('/') ?? ''
      const pin = `${u.ref.split('@')[1]} ${u.comment.trim()}`
      seen.set(repo, (seen.get(repo) ?? new Set()).add(pin))
    }
    for (const [repo, pins] of seen)
      expect([repo, [...pins]]).toEqual([repo, [[...pins][0]]])
  })

  test('local actions and reusable workflows need no pin', () => {
    expect(pinProblem('./', '')).toBeNull()
    expect(pinProblem('./.github/workflows/reusable.yml', '')).toBeNull()
  })

  test("Runbook's own action and reusable workflow go by their major tag", () => {
    expect(pinProblem('your-org/runbook@v0', '')).toBeNull()
    expect(
      pinProblem('your-org/runbook/.github/workflows/runbook.yml@v0', '')
    ).toBeNull()
    expect(pinProblem('your-org/runbook@main', '')).toMatch(/40-hex/)
    expect(pinProblem('other-org/runbook@v0', '')).toMatch(/40-hex/)
  })

  test('a major tag, a branch or a short SHA is refused', () => {
    expect(pinProblem('actions/checkout@v6', '')).toMatch(/40-hex/)
    expect(pinProblem('actions/checkout@main', '# v6')).toMatch(/40-hex/)
    expect(pinProblem('actions/checkout@8e8c483', '# v6.0.1')).toMatch(/40-hex/)
    expect(pinProblem('actions/checkout', '')).toMatch(/no version/)
  })

  test('a SHA without its version comment is refused', () => {
    const sha = 'a'.repeat(40)
    expect(pinProblem(`actions/checkout@${sha}`, '')).toMatch(/comment/)
    expect(pinProblem(`actions/checkout@${sha}`, '# pinned')).toMatch(/comment/)
  })

  test('any 40-hex SHA with a vX.Y.Z comment is accepted, any other ref refused', () => {
    const hex = fc
      .array(fc.constantFrom(...'0123456789abcdef'), {
        minLength: 40,
        maxLength: 40
      })
      .map((c) => c.join(''))
    const version = fc
      .array(fc.nat(99), { minLength: 1, maxLength: 3 })
      .map((parts) => `v${parts.join('.')}`)
    fc.assert(
      fc.property(hex, version, (sha, v) => {
        expect(pinProblem(`owner/action@${sha}`, `# ${v}`)).toBeNull()
      })
    )
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 45 }),
        version,
        (ref, v) => {
          fc.pre(!/^[0-9a-f]{40}$/.test(ref))
          expect(pinProblem(`owner/action@${ref}`, `# ${v}`)).not.toBeNull()
        }
      )
    )
  })

  test('the uses: lines are read the way GitHub reads them, quoted or not', () => {
    const sha = 'b'.repeat(40)
    const text = [
      `      - uses: actions/checkout@${sha} # v7.0.1`,
      `        uses: "actions/setup-node@v7"`,
      `      - uses: ./`
    ]
    expect(text.map(parseUse)).toEqual([
      { ref: `actions/checkout@${sha}`, comment: '# v7.0.1' },
      { ref: 'actions/setup-node@v7', comment: '' },
      { ref: './', comment: '' }
    ])
  })
})
