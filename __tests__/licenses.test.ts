// scripts/check-licenses.js, run as a process: on the committed dist/, and
// on bundles written for the test in a temp copy (licenses.txt as ncc writes
// it, source maps, and the packages' own package.json in node_modules).

import { afterEach, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(script: string, cwd: string, args: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd }, (error, o, e) =>
      resolve({
        code: error ? Number(error.code ?? 1) : 0,
        stdout: o,
        stderr: e
      })
    )
  })
}

const MIT_TEXT = [
  'MIT License',
  '',
  'Copyright (c) Someone',
  '',
  'Permission is hereby granted, free of charge, to any person obtaining a copy',
  'of this software, to deal in the Software without restriction.',
  '',
  'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.'
].join('\n')

interface Dependency {
  name: string
  /** The identifier in licenses.txt; null: the line is left out. */
  listed?: string | null
  /** Its package.json's licence; null: none, undefined: not installed. */
  declared?: string | null
  /** In licenses.txt at all (ncc leaves out other chunks' packages). */
  inLicensesTxt?: boolean
}

const temps: string[] = []
afterEach(async () => {
  for (const dir of temps.splice(0))
    await rm(dir, { recursive: true, force: true })
})

/** A project with scripts/check-licenses.js and a dist/ bundling these. */
async function project(deps: Dependency[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'runbook-licenses-'))
  temps.push(root)
  await mkdir(join(root, 'scripts'))
  await copyFile(
    join(process.cwd(), 'scripts', 'check-licenses.js'),
    join(root, 'scripts', 'check-licenses.js')
  )
  await mkdir(join(root, 'dist'))
  const listed = deps
    .filter((d) => d.inLicensesTxt !== false)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(
      (d) =>
        `${d.name}${d.listed === null ? '' : `\n${d.listed ?? d.declared ?? 'MIT'}`}\n${MIT_TEXT}\n\n`
    )
    .join('')
  await writeFile(join(root, 'dist', 'licenses.txt'), `${listed.trim()}\n`)
  const sources = deps.map((d) => `.././node_modules/${d.name}/index.js`)
  await writeFile(
    join(root, 'dist', 'index.js.map'),
    JSON.stringify({
      version: 3,
      sources: ['.././src/index.ts', ...sources],
      mappings: ''
    })
  )
  for (const d of deps) {
    if (d.declared === undefined) continue
    const dir = join(root, 'node_modules', d.name)
    await mkdir(dir, { recursive: true })
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify(
        d.declared === null
          ? { name: d.name }
          : { name: d.name, license: d.declared }
      )
    )
  }
  return root
}

const check = (root: string): Promise<Run> =>
  run(join(root, 'scripts', 'check-licenses.js'), root, ['dist'])

describe('scripts/check-licenses.js', () => {
  test('the committed dist/ and dist/cli/ pass', async () => {
    const result = await run('scripts/check-licenses.js', process.cwd())
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^ok: dist: \d+ dependencies/m)
    expect(result.stdout).toMatch(/^ok: dist\/cli: \d+ dependencies/m)
  })

  test('dependencies under allowed licences pass, whatever their licence text', async () => {
    const root = await project([
      { name: 'a', declared: 'MIT' },
      { name: '@scope/b', declared: 'Apache-2.0' },
      { name: 'c', declared: 'BSD-3-Clause' },
      { name: 'd', declared: '0BSD' }
    ])
    const result = await check(root)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'ok: dist: 4 dependencies, 0BSD, Apache-2.0, BSD-3-Clause, MIT'
    )
  })

  test('a dependency under another licence fails the check with its name', async () => {
    const root = await project([
      { name: 'fine', declared: 'MIT' },
      { name: 'copyleft', declared: 'GPL-3.0-only' }
    ])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      'dist: copyleft is licensed "GPL-3.0-only"; allowed: MIT, ISC, Apache-2.0, BSD-2-Clause, BSD-3-Clause, 0BSD'
    ])
  })

  test('a permissive licence not on the list fails and says it is permissive', async () => {
    const root = await project([{ name: 'oak', declared: 'BlueOak-1.0.0' }])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('oak is licensed "BlueOak-1.0.0"')
    expect(result.stderr).toContain('a permissive licence not on the list yet')
  })

  test('a choice of licences passes when one of them is allowed', async () => {
    const root = await project([
      { name: 'dual', declared: '(MIT OR GPL-3.0-only)' }
    ])
    expect((await check(root)).code).toBe(0)
  })

  test('a conjunction of licences fails unless all of them are allowed', async () => {
    const root = await project([
      { name: 'both', declared: 'MIT AND GPL-3.0-only' }
    ])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('both is licensed "MIT AND GPL-3.0-only"')
  })

  test('a dependency that declares no licence fails', async () => {
    const root = await project([
      { name: 'bare', listed: null, declared: null },
      { name: 'other', declared: 'ISC' }
    ])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('dist: bare declares no licence')
  })

  test('a bundled package ncc left out of licenses.txt is checked by its package.json', async () => {
    const root = await project([
      { name: 'listed', declared: 'MIT' },
      { name: 'left-out', declared: 'GPL-2.0-only', inLicensesTxt: false }
    ])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      "dist: not in licenses.txt (ncc keeps one chunk's list), checked by package.json: left-out"
    )
    expect(result.stderr).toContain('left-out is licensed "GPL-2.0-only"')
  })

  test('a bundled package that is not installed fails, saying to run npm ci', async () => {
    const root = await project([
      { name: 'listed', declared: 'MIT' },
      { name: 'gone', inLicensesTxt: false }
    ])
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('gone is bundled but not installed')
  })

  test('a bundle without licenses.txt fails, saying to build', async () => {
    const root = await project([{ name: 'a', declared: 'MIT' }])
    await rm(join(root, 'dist', 'licenses.txt'))
    const result = await check(root)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('dist/licenses.txt: missing')
  })
})
