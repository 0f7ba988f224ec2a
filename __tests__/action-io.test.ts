// The runner protocol written by src/action-io.ts must be what @actions/core
// writes: the same commands, escaping and file format, checked side by side.

import { afterEach, beforeEach, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import fc from 'fast-check'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as runner from '../src/action-io.js'
import { parseOutputFile } from '../scripts/output-file.js'

let dir: string
let log: string
const saved = { ...process.env }

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-runner-'))
  log = ''
  jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      log += chunk.toString()
      return true
    })
})
afterEach(async () => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  await rm(dir, { recursive: true, force: true })
})

function captured(fn: () => void): string {
  log = ''
  fn()
  return log
}

const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '50% done\r\nnext line',
    '::error::injected',
    'a:b,c=d',
    '%0A',
    '',
    '$(touch /tmp/x)'
  )
)

test('annotations are written exactly as @actions/core writes them', () => {
  fc.assert(
    fc.property(tricky, tricky, (message, title) => {
      for (const level of ['error', 'warning', 'notice'] as const) {
        const ours = captured(() =>
          runner.annotate(level, message, title || undefined)
        )
        const theirs = captured(() =>
          core[level](message, title ? { title } : {})
        )
        expect(ours).toBe(theirs)
      }
    })
  )
})

test('debug lines, groups and masks match @actions/core', () => {
  fc.assert(
    fc.property(tricky, (text) => {
      expect(captured(() => runner.debug(text))).toBe(
        captured(() => core.debug(text))
      )
      expect(captured(() => runner.startGroup(text))).toBe(
        captured(() => core.startGroup(text))
      )
      if (text)
        expect(captured(() => runner.setSecret(text))).toBe(
          captured(() => core.setSecret(text))
        )
    })
  )
  expect(captured(() => runner.endGroup())).toBe(
    captured(() => core.endGroup())
  )
})

test('outputs read back the same as outputs @actions/core writes', async () => {
  const values = fc.sample(tricky, 50)
  const ours = join(dir, 'ours')
  const theirs = join(dir, 'theirs')
  await writeFile(ours, '')
  await writeFile(theirs, '')
  values.forEach((value, i) => {
    process.env.GITHUB_OUTPUT = ours
    runner.setOutput(`out-${i}`, value)
    process.env.GITHUB_OUTPUT = theirs
    core.setOutput(`out-${i}`, value)
  })
  expect(parseOutputFile(await readFile(ours, 'utf8'))).toEqual(
    parseOutputFile(await readFile(theirs, 'utf8'))
  )
})

test('inputs are read as @actions/core reads them', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('stage', 'base-url', 'dry-run', 'status issue'),
      tricky,
      (name, value) => {
        const env = {
          [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]: value
        }
        process.env = { ...saved, ...env }
        expect(runner.getInput(name)).toBe(core.getInput(name))
      }
    )
  )
})

test('failing the step is an error line and exit code 1', () => {
  const exitCode = process.exitCode
  const ours = captured(() => runner.setFailed('it broke\nbadly'))
  expect(process.exitCode).toBe(1)
  const theirs = captured(() => core.setFailed('it broke\nbadly'))
  process.exitCode = exitCode
  expect(ours).toBe(theirs)
})

test('the summary is appended to the file the runner names', async () => {
  const file = join(dir, 'summary.md')
  await writeFile(file, '')
  expect(runner.appendSummary('# one', { GITHUB_STEP_SUMMARY: file })).toBe(
    true
  )
  runner.appendSummary('two', { GITHUB_STEP_SUMMARY: file })
  expect(await readFile(file, 'utf8')).toBe('# one\ntwo\n')
  expect(runner.appendSummary('x', {})).toBe(false)
})
