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

interface CoreCall {
  fn: string
  message: string
}

let given: Record<string, string> = {}
let outputs: Record<string, string> = {}
let calls: CoreCall[] = []
let secrets: string[] = []
let summaries: string[] = []

jest.unstable_mockModule('@actions/core', () => {
  const log =
    (fn: string) =>
    (message: string | Error, properties?: { title?: string }): void => {
      calls.push({ fn, message: String(message) })
      if (properties?.title) calls.push({ fn, message: properties.title })
    }
  return {
    getInput: (name: string) => given[name] ?? '',
    setOutput: (name: string, value: string) => {
      outputs[name] = value
    },
    setSecret: (value: string) => {
      secrets.push(value)
    },
    setFailed: log('setFailed'),
    debug: log('debug'),
    info: log('info'),
    notice: log('notice'),
    warning: log('warning'),
    error: log('error'),
    group: async <T>(title: string, fn: () => Promise<T>): Promise<T> => {
      calls.push({ fn: 'group', message: title })
      return fn()
    },
    summary: {
      addRaw(text: string) {
        summaries.push(text)
        return this
      },
      async write() {
        return this
      }
    }
  }
})

const { run, runInfoFromEnv } = await import('../src/main.js')

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

const failures = (): string[] =>
  calls.filter((c) => c.fn === 'setFailed').map((c) => c.message)

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
