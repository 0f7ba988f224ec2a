import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { COMMANDS, main, outcomeLine } from '../src/cli.js'
import { gitRepo } from './helpers/ops.js'
import {
  closeAllServers,
  closedPortUrl,
  healthyServer,
  statusServer
} from './helpers/servers.js'

let dir: string
let runs = 0
let stdout: string[]
let stderr: string[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-cli-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  stdout = []
  stderr = []
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout.push(args.join(' '))
  })
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr.push(args.join(' '))
  })
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeAllServers()
})

function stateDir(): string {
  runs += 1
  return join(dir, `state-${runs}`)
}

function servicesArg(services: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(services).map(([name, url]) => ({
      name,
      url,
      'timeout-ms': 1000,
      retries: 0
    }))
  )
}

test('healthcheck exits 0 when every service is healthy', async () => {
  const [a, b] = await Promise.all([healthyServer(), healthyServer()])
  const code = await main([
    'healthcheck',
    '--services',
    servicesArg({ api: a.url, web: b.url }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(0)
  expect(stdout.join('\n')).toContain('Overall: healthy')
})

test('healthcheck exits 0 when degraded and names the degraded services', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(429)])
  const code = await main([
    'healthcheck',
    '--services',
    servicesArg({ api: a.url, web: b.url }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(0)
  expect(stdout.join('\n')).toContain('Overall: degraded (degraded: web)')
})

test('healthcheck exits 1 when a service is down', async () => {
  const a = await healthyServer()
  const code = await main([
    'healthcheck',
    '--services',
    servicesArg({ api: a.url, db: await closedPortUrl() }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(1)
  expect(stdout.join('\n')).toContain('Overall: critical')
  expect(stderr.join('\n')).toContain('error: db is down: connection refused')
})

test('healthcheck prints the health table on stdout', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(503)])
  await main([
    'healthcheck',
    '--services',
    servicesArg({ api: a.url, web: b.url }),
    '--state-dir',
    stateDir()
  ])
  const out = stdout.join('\n')
  expect(out).toMatch(/service +state +HTTP status +latency +attempts +reason/)
  expect(out).toMatch(/api +healthy +200 +\d+ ms +1/)
  expect(out).toMatch(/web +down +503 +– +1 +HTTP 503/)
})

test('the report is written under the state directory', async () => {
  const a = await healthyServer()
  const state = stateDir()
  await main([
    'healthcheck',
    '--services',
    servicesArg({ api: a.url }),
    '--state-dir',
    state
  ])
  const report = JSON.parse(await readFile(join(state, 'report.json'), 'utf8'))
  expect(report).toMatchObject({
    run_id: expect.stringMatching(/^local-/),
    overall_status: 'healthy',
    services: { api: { status: 'healthy', url: a.url, port: a.port } }
  })
  expect(stdout.join('\n')).toContain(`Report: ${join(state, 'report.json')}`)
})

test('--json prints the report as JSON and nothing else on stdout', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(429)])
  const state = stateDir()
  const code = await main([
    'healthcheck',
    '--json',
    '--services',
    servicesArg({ api: a.url, web: b.url }),
    '--state-dir',
    state
  ])
  expect(code).toBe(0)
  expect(stdout).toHaveLength(1)
  const report = JSON.parse(stdout[0]!)
  expect(report).toEqual(
    JSON.parse(await readFile(join(state, 'report.json'), 'utf8'))
  )
  expect(report.overall_status).toBe('degraded')
  expect(Object.keys(report.services)).toEqual(['api', 'web'])
})

test('--json still exits 1 when critical', async () => {
  const code = await main([
    'healthcheck',
    '--json',
    '--services',
    servicesArg({ db: await closedPortUrl() }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(1)
  expect(JSON.parse(stdout.join('\n')).overall_status).toBe('critical')
})

test('an unknown command exits 2 naming it, the closest command and the allowed ones', async () => {
  const code = await main(['deploi'])
  expect(code).toBe(2)
  expect(stderr).toEqual([
    `runbook: unknown command "deploi" (did you mean deploy?); allowed: ${COMMANDS.join(', ')}; see runbook --help`
  ])
  expect(stdout).toEqual([])
})

test('no command exits 2', async () => {
  expect(await main([])).toBe(2)
  expect(stderr.join('\n')).toContain('a command is required')
})

test('two commands exit 2', async () => {
  expect(await main(['healthcheck', 'status'])).toBe(2)
  expect(stderr.join('\n')).toContain('one command expected, got 2')
})

test('an unknown option exits 2 naming it', async () => {
  expect(await main(['healthcheck', '--nope'])).toBe(2)
  expect(stderr).toEqual(['runbook: unknown option --nope; see runbook --help'])
})

test('a mistyped option suggests the closest one', async () => {
  expect(await main(['healthcheck', '--stat-dir', 'x'])).toBe(2)
  expect(stderr).toEqual([
    'runbook: unknown option --stat-dir (did you mean --state-dir?); see runbook --help'
  ])
})

test('an unknown short option exits 2 naming it', async () => {
  expect(await main(['healthcheck', '-x'])).toBe(2)
  expect(stderr).toEqual(['runbook: unknown option -x; see runbook --help'])
})

test('an option without its value exits 2 showing how it is written', async () => {
  expect(await main(['healthcheck', '--services'])).toBe(2)
  expect(stderr).toEqual([
    'runbook: option --services needs a value: --services YAML; see runbook --help'
  ])
})

test('an option followed by another option instead of its value exits 2', async () => {
  expect(await main(['healthcheck', '--config', '--json'])).toBe(2)
  expect(stderr).toEqual([
    'runbook: option --config needs a value, not the option --json: --config PATH, or --config=VALUE for a value starting with "-"; see runbook --help'
  ])
})

test('a value given to a switch exits 2', async () => {
  expect(await main(['healthcheck', '--json=yes'])).toBe(2)
  expect(stderr).toEqual([
    'runbook: option --json takes no value (got "yes"); see runbook --help'
  ])
})

test('a value starting with a dash is accepted after =', async () => {
  const a = await healthyServer()
  const code = await main([
    'healthcheck',
    '--reason=-x',
    '--services',
    servicesArg({ api: a.url }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(0)
})

test('a bad input value exits 2 naming the input', async () => {
  const code = await main([
    'healthcheck',
    '--target-component',
    'Not A Name',
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(2)
  expect(stderr.join('\n')).toContain(
    'runbook: input `target-component`: "Not A Name" is not valid'
  )
})

test('a bad base-url exits 2 naming the input', async () => {
  const code = await main([
    'healthcheck',
    '--base-url',
    'ftp://example.com',
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(2)
  expect(stderr.join('\n')).toContain('input `base-url`')
})

test('a bad services list exits 2 naming the input', async () => {
  const state = stateDir()
  const code = await main([
    'healthcheck',
    '--services',
    '[{"name":"api","url":"ftp://x"}]',
    '--state-dir',
    state
  ])
  expect(code).toBe(2)
  expect(stderr.join('\n')).toContain('runbook: input `services` at [0].url:')
  expect(existsSync(join(state, 'report.json'))).toBe(false)
})

// src/errors.ts:10 via describeIssue in src/config.ts: a self-referring YAML
// alias makes JSON.stringify throw a TypeError, so the tool exits 1 with a
// multi-line "Converting circular structure to JSON" instead of exit 2.
test('a services list with a self-referring alias exits 2', async () => {
  const code = await main([
    'healthcheck',
    '--services=- &svc { name: api, url: *svc }',
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(2)
})

test('a missing --config file is a warning and the defaults are used', async () => {
  const a = await healthyServer()
  const code = await main([
    'healthcheck',
    '--config',
    join(dir, 'absent.yml'),
    '--services',
    servicesArg({ api: a.url }),
    '--state-dir',
    stateDir()
  ])
  expect(code).toBe(0)
  expect(stderr.join('\n')).toContain(
    `warning: config file ${join(dir, 'absent.yml')} does not exist`
  )
})

test('--help prints the usage and exits 0', async () => {
  expect(await main(['--help'])).toBe(0)
  expect(stdout.join('\n')).toMatch(/^Usage: runbook <command> \[options\]/)
})

test('resume with --json prints the outputs and the failure for agents', async () => {
  // Outside any repository: a resume touches the tags of the one it runs in.
  const cwd = process.cwd()
  process.chdir(await mkdtemp(join(tmpdir(), 'runbook-cli-cwd-')))
  const code = await main([
    'resume',
    '--reason',
    'checked',
    '--services',
    servicesArg({ api: 'http://127.0.0.1:9/health' }),
    '--state-dir',
    stateDir(),
    '--json'
  ]).finally(() => process.chdir(cwd))
  expect(code).toBe(0)
  const printed = JSON.parse(stdout.join('\n')) as {
    command: string
    failure: string | null
    outputs: Record<string, string>
  }
  expect(printed.command).toBe('resume')
  expect(printed.failure).toBeNull()
  expect(printed.outputs).toMatchObject({ approved: 'true', action: 'resume' })
})

test('emergency-stop with a --reason pasted from a terminal takes the lock with the reason cleaned and cut', async () => {
  const repo = await gitRepo()
  await repo.commit('v1')
  const cwd = process.cwd()
  process.chdir(repo.dir)
  const code = await main([
    'emergency-stop',
    '--reason',
    `\u001b[1;31mdisk full\u001b[0m\r\non db-1 \u202e${'x'.repeat(600)}`,
    '--services',
    servicesArg({ api: 'http://127.0.0.1:9/health' }),
    '--state-dir',
    stateDir()
  ]).finally(() => process.chdir(cwd))
  expect(code).toBe(0)
  const message = JSON.parse(
    await repo.git('tag', '-l', '--format=%(contents)', 'runbook-halt')
  ) as { reason: string }
  expect(message.reason).toBe(`disk full on db-1 ${'x'.repeat(481)}…`)
  expect(message.reason).toHaveLength(500)
  await rm(repo.dir, { recursive: true, force: true })
})

test('each command ends with one line on what it did', () => {
  expect(
    outcomeLine('deploy', {
      approved: 'true',
      'deployment-status': 'success',
      'deployment-tag': 'deployment-20251222-130000',
      'rollback-status': 'executed',
      'rollback-version': 'deployment-20251222-120000'
    })
  ).toBe(
    'deploy: success, tagged deployment-20251222-130000; rollback to deployment-20251222-120000 executed'
  )
  expect(outcomeLine('deploy', { approved: 'false', reason: 'halted' })).toBe(
    'deploy: refused (halted)'
  )
  expect(
    outcomeLine('rollback', {
      approved: 'true',
      'rollback-status': 'failed',
      'rollback-version': 'deployment-20251222-120000'
    })
  ).toBe('rollback: failed (deployment-20251222-120000)')
  expect(outcomeLine('emergency-stop', { halted: 'true' })).toBe(
    'emergency-stop: halted (deploys are refused until resume)'
  )
  expect(outcomeLine('healthcheck', {})).toBe('')
})

describe('the runbook command, run as a child process', () => {
  // The tool from src/, through the TypeScript loader the local-action
  // tooling brings: what a person sees, both streams, and the exit code.
  const ROOT = fileURLToPath(new URL('..', import.meta.url))
  const loader = pathToFileURL(
    createRequire(import.meta.url).resolve('tsx')
  ).href

  function runbook(
    args: string[],
    cwd = dir
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', loader, join(ROOT, 'src', 'cli-entry.ts'), ...args],
        { cwd, env: { PATH: process.env.PATH ?? '', HOME: dir } }
      )
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout: out, stderr: err }))
    })
  }

  test('an unknown option is one line in its own words, exit 2', async () => {
    const result = await runbook(['healthcheck', '--foo'])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'runbook: unknown option --foo; see runbook --help\n'
    })
  })

  test('a missing option value is one line, exit 2', async () => {
    const result = await runbook(['healthcheck', '--state-dir'])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'runbook: option --state-dir needs a value: --state-dir DIR; see runbook --help\n'
    })
  })

  test('an unknown command is one line, exit 2', async () => {
    const result = await runbook(['helthcheck'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^runbook: unknown command "helthcheck" \(did you mean healthcheck\?\); allowed: [^\n]+; see runbook --help\n$/
    )
  })

  test('every problem of a config file is printed, one per line, exit 2', async () => {
    const config = join(dir, 'two-problems.yml')
    await writeFile(
      config,
      [
        'services:',
        '  - name: api',
        '    url: http://127.0.0.1:0/health',
        '    degraded-latancy-ms: 500',
        ''
      ].join('\n')
    )
    const result = await runbook([
      'healthcheck',
      '--config',
      config,
      '--state-dir',
      stateDir()
    ])
    expect(result.code).toBe(2)
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `runbook: config ${config} at .services[0].url: must be an http:// or https:// URL; a port must be 1–65535 (got "http://127.0.0.1:0/health")`,
      expect.stringMatching(
        new RegExp(
          `^runbook: config ${config} at \\.services\\[0\\]\\.degraded-latancy-ms: unknown key \\(did you mean \`degraded-latency-ms\`\\?\\); allowed here: .+ \\(got 500\\)$`
        )
      )
    ])
  })

  test('with --json the progress is on stderr and stdout is only the JSON report', async () => {
    const a = await healthyServer()
    const result = await runbook([
      'healthcheck',
      '--json',
      '--services',
      servicesArg({ api: a.url }),
      '--state-dir',
      stateDir()
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      overall_status: 'healthy',
      services: { api: { status: 'healthy' } }
    })
    expect(result.stderr).toContain('— Health checks (1 service)\n')
    expect(result.stderr).toMatch(/^api: healthy, HTTP 200, \d+ ms$/m)
    expect(result.stderr).toMatch(/^Overall: healthy; report written to /m)
  })

  test('a service down through its retries prints its first failure and its outcome, not every attempt', async () => {
    const down = await statusServer(503)
    const services = JSON.stringify([
      { name: 'api', url: down.url, 'timeout-ms': 1000, retries: 3 }
    ])
    const result = await runbook([
      'healthcheck',
      '--services',
      services,
      '--state-dir',
      stateDir()
    ])
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('api:'))
    expect(lines).toEqual([
      expect.stringMatching(
        /^api: attempt 1 down, HTTP 503 \(HTTP 503\); 3 more attempts$/
      ),
      expect.stringMatching(
        /^api: down, HTTP 503 \(HTTP 503\), after 4 attempts in \d(\.\d)? s$/
      )
    ])
  })

  test('with --verbose every attempt is printed', async () => {
    const down = await statusServer(503)
    const services = JSON.stringify([
      { name: 'api', url: down.url, 'timeout-ms': 1000, retries: 2 }
    ])
    const result = await runbook([
      'healthcheck',
      '--verbose',
      '--services',
      services,
      '--state-dir',
      stateDir()
    ])
    const attempts = result.stderr
      .split('\n')
      .filter((l) => /^ {2}api: attempt \d/.test(l))
    expect(attempts).toEqual([
      expect.stringMatching(/^ {2}api: attempt 1 down, HTTP 503/),
      expect.stringMatching(/^ {2}api: attempt 2 down, HTTP 503/),
      expect.stringMatching(/^ {2}api: attempt 3 down, HTTP 503/)
    ])
  })
})
