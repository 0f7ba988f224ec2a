import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  expect,
  jest,
  test
} from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  closeAllServers,
  closedPortUrl,
  commandBodyServer,
  healthyServer,
  statusServer
} from './helpers/servers.js'
import { parseOutputFile } from '../scripts/output-file.js'

interface LogCall {
  fn: string
  message: string
}

// The action runs in this process as a runner runs it: inputs in INPUT_*
// variables, outputs in a GITHUB_OUTPUT file, commands on stdout.
let given: Record<string, string> = {}
let outputs: Record<string, string> = {}
let calls: LogCall[] = []
let secrets: string[] = []
let summaries: string[] = []

const unescape = (text: string): string =>
  text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')

/** Parses the stdout lines the way the runner reads workflow commands. */
function parseLog(text: string): LogCall[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line): LogCall[] => {
      const command = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line)
      if (!command) return [{ fn: 'info', message: line }]
      const [, fn = '', props = '', message = ''] = command
      const title = /title=([^,]*)/.exec(props)?.[1]
      return [
        { fn, message: unescape(message) },
        ...(title ? [{ fn, message: unescape(title) }] : [])
      ]
    })
}

async function run(): Promise<void> {
  const { run: runAction } = await import('../src/main.js')
  const outputFile = join(dir, `output-${++runs}`)
  await writeFile(outputFile, '')
  const saved = { ...process.env }
  for (const key of Object.keys(process.env))
    if (key.startsWith('INPUT_')) delete process.env[key]
  for (const [name, value] of Object.entries(given))
    process.env[`INPUT_${name.toUpperCase()}`] = value
  process.env.GITHUB_OUTPUT = outputFile
  const summaryFile = process.env.GITHUB_STEP_SUMMARY
  if (summaryFile) await writeFile(summaryFile, '')
  let log = ''
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      log += chunk.toString()
      return true
    })
  const exitCode = process.exitCode
  try {
    await runAction()
  } finally {
    write.mockRestore()
    process.env = saved
  }
  failed = process.exitCode === 1
  process.exitCode = exitCode
  calls = parseLog(log)
  secrets = calls.filter((c) => c.fn === 'add-mask').map((c) => c.message)
  outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  if (summaryFile) {
    const text = await readFile(summaryFile, 'utf8')
    summaries = text ? [text] : []
  }
}

let failed = false

const { runInfoFromEnv } = await import('../src/main.js')

let dir: string
let runs = 0
let emptyConfig: string
const savedSummary = process.env.GITHUB_STEP_SUMMARY

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-main-'))
  emptyConfig = join(dir, 'runbook.yml')
  await writeFile(emptyConfig, '')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  delete process.env.GITHUB_STEP_SUMMARY
  failed = false
  outputs = {}
  calls = []
  secrets = []
  summaries = []
})
afterEach(async () => {
  if (savedSummary === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = savedSummary
  await closeAllServers()
})

function monitorInputs(services: Record<string, string>): {
  reportPath: string
} {
  runs += 1
  const reportPath = join(dir, `run-${runs}`, 'report.json')
  given = {
    stage: 'monitor',
    config: emptyConfig,
    'report-path': reportPath,
    services: JSON.stringify(
      Object.entries(services).map(([name, url]) => ({
        name,
        url,
        'timeout-ms': 1000,
        retries: 0
      }))
    )
  }
  return { reportPath }
}

/** The step's failure: its last error annotation without a title, once it exits 1. */
const failures = (): string[] =>
  failed
    ? calls
        .filter((c, i) => c.fn === 'error' && calls[i + 1]?.fn !== 'error')
        .slice(-1)
        .map((c) => c.message)
    : []

test('a healthy run sets the monitor outputs and does not fail', async () => {
  const [a, b] = await Promise.all([healthyServer(), healthyServer()])
  const { reportPath } = monitorInputs({ fastapi: a.url, flask: b.url })
  await run()
  expect(failures()).toEqual([])
  expect(outputs).toMatchObject({
    'monitoring-status': 'healthy',
    'fastapi-health': 'healthy',
    'flask-health': 'healthy',
    'report-path': reportPath
  })
  expect(JSON.parse(outputs.health!)).toEqual({
    fastapi: 'healthy',
    flask: 'healthy'
  })
  expect(JSON.parse(outputs.report!)).toEqual(
    JSON.parse(await readFile(reportPath, 'utf8'))
  )
})

test('a critical run fails the step naming the down services', async () => {
  const a = await healthyServer()
  monitorInputs({ api: a.url, db: await closedPortUrl() })
  await run()
  expect(failures()).toEqual([
    'monitoring status is critical: db down (connection refused)'
  ])
  expect(outputs['monitoring-status']).toBe('critical')
})

test('a degraded run does not fail the step', async () => {
  const a = await statusServer(429)
  monitorInputs({ api: a.url })
  await run()
  expect(failures()).toEqual([])
  expect(outputs['monitoring-status']).toBe('degraded')
})

test('a bad input fails the step with one line and sets no output', async () => {
  given = { stage: 'monitr' }
  await run()
  expect(failures()).toEqual([
    'input `stage`: "monitr" is not valid; allowed: gate, ci, deploy, monitor, rollback, status, notify, all'
  ])
  expect(outputs).toEqual({})
})

test('a config with several problems fails the step with one error annotation per problem', async () => {
  const config = join(dir, 'two-problems.yml')
  await writeFile(config, 'services:\n  - { name: api, port: 0, retrys: 1 }\n')
  given = { stage: 'monitor', config }
  await run()
  expect(failed).toBe(true)
  expect(calls.filter((c) => c.fn === 'error').map((c) => c.message)).toEqual([
    `config ${config} at .services[0].port: a port must be 1–65535 (got 0)`,
    expect.stringMatching(
      /at \.services\[0\]\.retrys: unknown key \(did you mean `retries`\?\)/
    )
  ])
  expect(outputs).toEqual({})
})

test('the token and webhook URLs are masked', async () => {
  const a = await healthyServer()
  monitorInputs({ api: a.url })
  given['github-token'] = 'ghs_token123'
  given['slack-webhook-url'] = 'https://hooks.slack.com/services/T/B/x'
  given['discord-webhook-url'] = 'https://discord.com/api/webhooks/1/y'
  await run()
  expect(secrets).toEqual([
    'ghs_token123',
    'https://hooks.slack.com/services/T/B/x',
    'https://discord.com/api/webhooks/1/y'
  ])
})

test('a body with workflow commands never starts a log line', async () => {
  const [a, b] = await Promise.all([commandBodyServer(), commandBodyServer()])
  monitorInputs({ a: a.url, b: b.url })
  given.services = JSON.stringify([
    { name: 'a', url: a.url, retries: 0 },
    {
      name: 'b',
      url: b.url,
      retries: 0,
      expect: { 'body-contains': 'absent' }
    }
  ])
  await run()
  expect(calls.length).toBeGreaterThan(0)
  for (const call of calls) {
    expect(call.message).not.toMatch(/^\s*::/)
    expect(call.message).not.toMatch(/[\r\n]/)
  }
})

test('the job summary holds the health table once', async () => {
  const a = await healthyServer()
  monitorInputs({ api: a.url })
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
  await run()
  expect(summaries).toHaveLength(1)
  expect(summaries[0]).toContain('### Health: healthy')
  expect(summaries[0]).toContain(
    '| service | state | HTTP status | latency | attempts | reason |'
  )
})

test('a deploy stage without an action or an event fails with one line', async () => {
  given = { stage: 'deploy', config: emptyConfig }
  await run()
  expect(failures()).toEqual([
    'input `action`: "" cannot be resolved from the event "unknown"; set it to deploy, rollback, emergency-stop, update-component, healthcheck or resume'
  ])
})

test('an empty token fails the step with one line and no stack trace', async () => {
  given = { stage: 'gate', action: 'healthcheck', config: emptyConfig }
  process.env.GITHUB_REPOSITORY = 'o/r'
  try {
    await run()
  } finally {
    delete process.env.GITHUB_REPOSITORY
  }
  expect(failures()).toEqual([
    'input `github-token` is empty: pass ${{ github.token }} or a token with the permissions the stage needs'
  ])
  expect(
    calls.filter((c) => c.fn === 'debug' && /\n\s+at /.test(c.message))
  ).toEqual([])
})

test('the run facts come from the GitHub environment', () => {
  expect(
    runInfoFromEnv({
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_RUN_ID: '42',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_ACTOR: 'octocat',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'abc'
    })
  ).toEqual({
    id: '42',
    url: 'https://github.example.com/octo/app/actions/runs/42',
    eventName: 'schedule',
    actor: 'octocat',
    triggeringActor: 'octocat',
    ref: 'refs/heads/main',
    sha: 'abc',
    repository: 'octo/app',
    defaultBranch: ''
  })
})

test('outside Actions the run id is local and there is no link', () => {
  expect(runInfoFromEnv({})).toMatchObject({ id: 'local', url: '' })
})
