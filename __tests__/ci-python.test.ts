// The CI stage on Python projects: each test makes a real virtual
// environment and runs pip and pytest in it, so they live in a file of their
// own that runs beside the other CI tests.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VENV, ci } from '../src/stages/ci.js'
import { opsContext, tempDir } from './helpers/ops.js'

// The Python fixtures need pytest and the venv module on this machine;
// without them they are skipped, and the test names say why.
const PYTEST =
  spawnSync('python3', ['-m', 'pytest', '--version'], { stdio: 'ignore' })
    .status === 0
const venvProbe = mkdtempSync(join(tmpdir(), 'runbook-venv-probe-'))
const VENV_WORKS =
  spawnSync('python3', ['-m', 'venv', join(venvProbe, 'v')], {
    stdio: 'ignore'
  }).status === 0
rmSync(venvProbe, { recursive: true, force: true })
const pythonTest = PYTEST && VENV_WORKS ? test : test.skip
const PYTHON_NOTE = !PYTEST
  ? ' (skipped: python3 -m pytest is missing)'
  : !VENV_WORKS
    ? ' (skipped: python3 -m venv does not work; on Debian or Ubuntu: apt-get install python3-venv)'
    : ''

let dir: string

beforeEach(async () => {
  dir = await tempDir('ci-python')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function context() {
  return opsContext({
    config: {},
    reportPath: join(dir, 'report.json'),
    inputs: { stage: 'ci' }
  })
}

describe(`Python${PYTHON_NOTE}`, () => {
  async function pythonProject(testBody: string): Promise<void> {
    await writeFile(join(dir, 'requirements.txt'), '')
    await mkdir(join(dir, 'tests'))
    await writeFile(join(dir, 'tests', 'test_x.py'), testBody)
  }

  pythonTest(
    'a project with requirements.txt and tests is installed with pip and tested with pytest',
    async () => {
      await pythonProject(
        [
          'import pathlib',
          '',
          'def test_x():',
          "    pathlib.Path('evidence').write_text('pytest ran')",
          ''
        ].join('\n')
      )
      const { ctx } = context()
      const result = await ci(ctx, dir)
      expect(result.status).toBe('success')
      expect(result.steps.map((s) => [s.name, s.command.slice(1)])).toEqual([
        ['venv', ['-m', 'venv', '--system-site-packages', VENV]],
        ['install', ['-m', 'pip', 'install', '-r', 'requirements.txt']],
        ['test', ['-m', 'pytest', '-q']]
      ])
      expect(await readFile(join(dir, 'evidence'), 'utf8')).toBe('pytest ran')
    },
    60_000
  )

  pythonTest(
    'pip and pytest run from the project’s own virtual environment, and the log names its interpreter',
    async () => {
      await pythonProject(
        [
          'import pathlib, sys',
          '',
          'def test_x():',
          "    pathlib.Path('evidence').write_text(sys.prefix)",
          ''
        ].join('\n')
      )
      const { ctx, reporter } = context()
      const result = await ci(ctx, dir)
      expect(result.status).toBe('success')
      const python = join(dir, VENV, 'bin', 'python')
      expect(result.steps.map((s) => s.command[0])).toEqual([
        'python3',
        python,
        python
      ])
      expect(
        await realpath(await readFile(join(dir, 'evidence'), 'utf8'))
      ).toBe(await realpath(join(dir, VENV)))
      const said = `CI python: interpreter ${python}, a virtual environment made by python3 (Python 3.`
      expect(
        reporter.logLines().filter((l) => l.startsWith(said))
      ).toHaveLength(1)
    },
    60_000
  )

  pythonTest(
    'a failing pytest makes the build status failed',
    async () => {
      await pythonProject('def test_x():\n    assert 1 == 2\n')
      const { ctx } = context()
      const result = await ci(ctx, dir)
      expect(result.status).toBe('failed')
      expect(result.steps.find((s) => s.name === 'test')?.status).toBe('failed')
    },
    60_000
  )

  pythonTest(
    'a project without tests is installed and its test step skipped',
    async () => {
      await writeFile(join(dir, 'requirements.txt'), '')
      const { ctx } = context()
      const result = await ci(ctx, dir)
      expect(result.status).toBe('success')
      expect(result.steps.find((s) => s.name === 'test')).toEqual(
        expect.objectContaining({
          status: 'skipped',
          note: 'no tests found (tests/ or test_*.py)'
        })
      )
    },
    60_000
  )
})
