import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runStage } from '../src/run-stages.js'
import { ci } from '../src/stages/ci.js'
import { opsContext, tempDir } from './helpers/ops.js'

let dir: string
let saved: string | undefined

beforeAll(() => {
  // npm must not look for its own updates while the tests run.
  saved = process.env.npm_config_update_notifier
  process.env.npm_config_update_notifier = 'false'
})
afterAll(() => {
  if (saved === undefined) delete process.env.npm_config_update_notifier
  else process.env.npm_config_update_notifier = saved
})
beforeEach(async () => {
  dir = await tempDir('ci')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function context(
  inputs: Record<string, string> = {},
  config: Record<string, unknown> = {}
) {
  return opsContext({
    config,
    reportPath: join(dir, 'report.json'),
    inputs: { stage: 'ci', ...inputs }
  })
}

/** A node one-liner appending `line` to the evidence file. */
const note = (line: string): string =>
  `node -e "require('fs').appendFileSync('evidence', '${line}:' + (process.env.npm_command || '') + '\\n')"`

async function npmProject(
  scripts: Record<string, string>,
  options: { lock?: boolean } = {}
): Promise<void> {
  const manifest = { name: 'fixture', version: '1.0.0', private: true, scripts }
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest))
  if (options.lock)
    await writeFile(
      join(dir, 'package-lock.json'),
      JSON.stringify({
        name: 'fixture',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'fixture', version: '1.0.0' } }
      })
    )
}

async function evidence(): Promise<string[]> {
  const text = await readFile(join(dir, 'evidence'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean)
}

const FULL = {
  postinstall: note('install'),
  build: note('build'),
  test: note('test')
}

describe('npm', () => {
  test('a project with a lock file is installed with npm ci, then built and tested', async () => {
    await npmProject(FULL, { lock: true })
    const { ctx } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('success')
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([
      ['install', 'success'],
      ['build', 'success'],
      ['test', 'success']
    ])
    expect(result.steps[0]?.command.slice(0, 2)).toEqual(['npm', 'ci'])
    expect(await evidence()).toEqual(['install:ci', 'build:run', 'test:test'])
  })

  test('a project without a lock file is installed with npm install', async () => {
    await npmProject(FULL)
    const { ctx } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('success')
    expect(result.steps[0]?.command.slice(0, 2)).toEqual(['npm', 'install'])
    expect((await evidence())[0]).toBe('install:install')
  })

  test('a missing build script is skipped and the tests still run', async () => {
    await npmProject({ test: note('test') }, { lock: true })
    const { ctx, reporter } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('success')
    expect(result.steps.find((s) => s.name === 'build')).toEqual(
      expect.objectContaining({ status: 'skipped', note: 'no build script' })
    )
    expect(await evidence()).toEqual(['test:test'])
    expect(reporter.logLines()).toContain(
      'CI npm build: skipped (no build script)'
    )
  })

  test('npm’s placeholder test script counts as absent', async () => {
    await npmProject(
      {
        build: note('build'),
        test: 'echo "Error: no test specified" && exit 1'
      },
      { lock: true }
    )
    const { ctx } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('success')
    expect(result.steps.find((s) => s.name === 'test')).toEqual(
      expect.objectContaining({
        status: 'skipped',
        note: "npm's placeholder test script"
      })
    )
  })

  test('a failing test makes the build status failed', async () => {
    await npmProject(
      { build: note('build'), test: 'node -e "process.exit(3)"' },
      { lock: true }
    )
    const { ctx, reporter } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('failed')
    expect(result.steps.find((s) => s.name === 'test')).toEqual(
      expect.objectContaining({ status: 'failed' })
    )
    expect(reporter.of('error').map((e) => e.message)).toContain(
      'CI npm test failed (exit code 3)'
    )
  })

  test('a failing build stops CI before the tests', async () => {
    await npmProject(
      { build: 'node -e "process.exit(2)"', test: note('test') },
      { lock: true }
    )
    const { ctx } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('failed')
    expect(result.steps.find((s) => s.name === 'test')).toEqual(
      expect.objectContaining({
        status: 'skipped',
        note: 'an earlier step failed'
      })
    )
    expect(await evidence()).toEqual([])
  })

  test('the ci stage outputs build-status failed and fails the step', async () => {
    await npmProject({ test: 'node -e "process.exit(1)"' }, { lock: true })
    const previous = process.cwd()
    process.chdir(dir)
    try {
      const { ctx } = context()
      const result = await runStage('ci', ctx, {
        platform: () => Promise.reject(new Error('CI needs no platform'))
      })
      expect(result.outputs).toEqual({ 'build-status': 'failed' })
      expect(result.failure).toBe('CI failed')
    } finally {
      process.chdir(previous)
    }
  })

  test('each step runs in its own log group and its output reaches the log as safe single lines', async () => {
    await npmProject(
      {
        build:
          "node -e \"console.log('::error::forged annotation'); console.log('built ok')\""
      },
      { lock: true }
    )
    const { ctx, reporter } = context()
    await ci(ctx, dir)
    expect(reporter.of('group').map((g) => g.message)).toEqual([
      'CI npm install: npm ci --no-audit --no-fund',
      'CI npm build: npm run build'
    ])
    const lines = reporter.logLines()
    expect(lines).toContain('built ok')
    expect(lines.some((l) => l.includes('forged annotation'))).toBe(true)
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([])
  })

  test('the job summary lists every step with its result', async () => {
    await npmProject({ build: note('build') }, { lock: true })
    const { ctx, reporter } = context()
    await ci(ctx, dir)
    const summary = reporter.summaries.join('\n')
    expect(summary).toContain('### CI: success')
    expect(summary).toContain('| npm | install | success |')
    expect(summary).toContain('| npm | test | skipped | no test script |')
  })

  test('a dry run plans the steps and runs none of them', async () => {
    await npmProject(FULL, { lock: true })
    const { ctx, reporter } = context({ 'dry-run': 'true' })
    const result = await ci(ctx, dir)
    expect(result.status).toBe('skipped')
    expect(await evidence()).toEqual([])
    expect(reporter.logLines()).toContain(
      'dry run: would run npm ci --no-audit --no-fund'
    )
  })

  test('a package.json that is not valid JSON fails CI instead of being skipped', async () => {
    await writeFile(join(dir, 'package.json'), '{ "name": "fixture", ')
    const { ctx } = context()
    const result = await ci(ctx, dir)
    expect(result.status).toBe('failed')
  })
})

describe('the environment of CI commands', () => {
  // What the runner gives the action's process, and a deploy secret.
  const STEP_ENV = {
    'INPUT_GITHUB-TOKEN': 'ghs_input_token',
    ACTIONS_RUNTIME_TOKEN: 'runtime_token',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc_token',
    GITHUB_TOKEN: 'ghs_env_token',
    GITHUB_OUTPUT: join('/tmp', 'output-file'),
    GITHUB_ENV: join('/tmp', 'env-file'),
    NODE_OPTIONS: '--max-old-space-size=4096',
    DEPLOY_KEY: 'deploy-key-value',
    GITHUB_REPOSITORY: 'octo-org/app',
    npm_config_fund: 'false'
  }
  let saved: NodeJS.ProcessEnv

  beforeEach(() => {
    saved = { ...process.env }
    Object.assign(process.env, STEP_ENV)
  })
  afterEach(() => {
    process.env = saved
  })

  // One CI run serves every test below: each reads a different part of the
  // same environment, and the run is the slow part.
  let once: Promise<Record<string, string>> | undefined
  const received = (): Promise<Record<string, string>> => (once ??= runOnce())

  /** Runs CI on a project whose test script writes its environment. */
  async function runOnce(): Promise<Record<string, string>> {
    await npmProject({ test: 'env -0 > received' }, { lock: true })
    const { ctx } = context({}, { deployment: { 'pass-env': ['DEPLOY_KEY'] } })
    const result = await ci(ctx, dir)
    expect(result.status).toBe('success')
    const text = await readFile(join(dir, 'received'), 'utf8')
    return Object.fromEntries(
      text
        .split('\0')
        .filter(Boolean)
        .map((entry) => [
          entry.slice(0, entry.indexOf('=')),
          entry.slice(entry.indexOf('=') + 1)
        ])
    )
  }

  test('an npm test script never receives the input token, the runner tokens or GITHUB_TOKEN', async () => {
    const env = await received()
    for (const name of [
      'INPUT_GITHUB-TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'GITHUB_TOKEN'
    ])
      expect([name, env[name]]).toEqual([name, undefined])
    expect(Object.values(env).join('\n')).not.toMatch(/ghs_|runtime_token/)
  })

  test('an npm test script cannot write the action’s outputs or environment files', async () => {
    const env = await received()
    expect(env.GITHUB_OUTPUT).toBeUndefined()
    expect(env.GITHUB_ENV).toBeUndefined()
  })

  test('an npm test script does not inherit NODE_OPTIONS', async () => {
    expect((await received()).NODE_OPTIONS).toBeUndefined()
  })

  test('an npm test script does not receive the variables passed to deploy commands', async () => {
    expect((await received()).DEPLOY_KEY).toBeUndefined()
  })

  test('an npm test script receives the runner context and npm’s own settings', async () => {
    const env = await received()
    expect(env.GITHUB_REPOSITORY).toBe('octo-org/app')
    expect(env.PATH).toBeTruthy()
    expect(env.npm_config_fund).toBe('false')
  })
})

test('a folder with no project files is skipped with a clear message', async () => {
  await writeFile(join(dir, 'README.md'), '# nothing to build\n')
  const { ctx, reporter } = context()
  const result = await ci(ctx, dir)
  expect(result).toEqual({ status: 'skipped', steps: [] })
  expect(reporter.logLines()).toContain(
    'CI: no package.json, requirements.txt or pyproject.toml: nothing to build'
  )
})
