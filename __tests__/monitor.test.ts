import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { resolveConfig } from '../src/config.js'
import type { StageContext } from '../src/context.js'
import { parseInputs } from '../src/inputs.js'
import { monitor, monitorOutputs } from '../src/stages/monitor.js'
import { RecordingReporter } from './helpers/log.js'
import {
  closeAllServers,
  closedPortUrl,
  commandBodyServer,
  delayedServer,
  flakyServer,
  healthyServer,
  silentServer,
  startHttpServer,
  statusServer,
  textServer
} from './helpers/servers.js'

let dir: string
let runs = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-monitor-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterEach(closeAllServers)

const NOW = new Date('2025-12-22T13:00:00.000Z')

interface ServiceEntry {
  name: string
  url: string
  [key: string]: unknown
}

/** A stage context built the way the action builds it, from raw inputs. */
function context(
  services: ServiceEntry[],
  inputs: Record<string, string> = {}
): { ctx: StageContext; reporter: RecordingReporter; reportPath: string } {
  runs += 1
  const reportPath = join(dir, `run-${runs}`, 'report.json')
  const parsed = parseInputs({
    stage: 'monitor',
    services: JSON.stringify(
      services.map((s) => ({ 'timeout-ms': 1000, retries: 0, ...s }))
    ),
    'report-path': reportPath,
    ...inputs
  })
  const config = resolveConfig(
    {},
    {
      source: 'config',
      baseUrl: parsed.baseUrl,
      servicesOverride: JSON.parse(parsed.services)
    }
  )
  const reporter = new RecordingReporter()
  const ctx: StageContext = {
    settings: {
      inputs: parsed,
      config,
      run: {
        id: '12345',
        url: '',
        eventName: 'schedule',
        actor: 'octocat',
        triggeringActor: 'octocat',
        ref: 'refs/heads/main',
        sha: '',
        repository: 'octo/app',
        defaultBranch: 'main'
      }
    },
    reporter,
    now: () => NOW
  }
  return { ctx, reporter, reportPath }
}

test('services are probed in parallel', async () => {
  // Each service answers only once all three have been asked: probed one
  // after another, the first would wait for the others until its timeout.
  const waiting: (() => void)[] = []
  const servers = await Promise.all(
    [0, 1, 2].map(() =>
      startHttpServer((_request, response) => {
        waiting.push(() => response.end('{"status":"ok"}'))
        if (waiting.length === 3)
          for (const answer of waiting.splice(0)) answer()
      })
    )
  )
  const { ctx } = context(
    servers.map((s, i) => ({ name: `s${i}`, url: s.url }))
  )
  const result = await monitor(ctx)
  expect(result.status).toBe('healthy')
})

test('the report written at report-path has the documented shape', async () => {
  const server = await healthyServer()
  const { ctx, reportPath } = context([{ name: 'fastapi', url: server.url }])
  const result = await monitor(ctx)
  const text = await readFile(reportPath, 'utf8')
  expect(text.endsWith('}\n')).toBe(true)
  const report = JSON.parse(text)
  expect(Object.keys(report)).toEqual([
    'timestamp',
    'run_id',
    'overall_status',
    'services'
  ])
  expect(report).toEqual({
    timestamp: '2025-12-22T13:00:00.000Z',
    run_id: '12345',
    overall_status: 'healthy',
    services: {
      fastapi: {
        status: 'healthy',
        port: server.port,
        url: server.url,
        http_status: 200,
        latency_ms: expect.any(Number),
        attempts: 1,
        error: null
      }
    }
  })
  expect(Object.keys(report.services.fastapi)).toEqual([
    'status',
    'port',
    'url',
    'http_status',
    'latency_ms',
    'attempts',
    'error'
  ])
  expect(result.report).toEqual(report)
  expect(result.reportPath).toBe(reportPath)
})

test('a down service is reported with a null HTTP status and its reason', async () => {
  const url = await closedPortUrl()
  const { ctx, reportPath } = context([{ name: 'flask', url }])
  await monitor(ctx)
  const report = JSON.parse(await readFile(reportPath, 'utf8'))
  expect(report.services.flask).toMatchObject({
    status: 'down',
    http_status: null,
    attempts: 1,
    error: 'connection refused'
  })
})

test('every healthy service makes the system healthy', async () => {
  const [a, b] = await Promise.all([healthyServer(), healthyServer()])
  const { ctx } = context([
    { name: 'a', url: a.url },
    { name: 'b', url: b.url }
  ])
  expect((await monitor(ctx)).status).toBe('healthy')
})

test('a degraded service and no down one make the system degraded', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(429)])
  const { ctx } = context([
    { name: 'a', url: a.url },
    { name: 'b', url: b.url }
  ])
  const result = await monitor(ctx)
  expect(result.status).toBe('degraded')
  expect(result.report.overall_status).toBe('degraded')
})

test('any down service makes the system critical', async () => {
  const [a, b] = await Promise.all([statusServer(429), statusServer(503)])
  const { ctx } = context([
    { name: 'a', url: a.url },
    { name: 'b', url: b.url }
  ])
  expect((await monitor(ctx)).status).toBe('critical')
})

test('each down service gets one error annotation and each degraded one a warning', async () => {
  const servers = await Promise.all([
    healthyServer(),
    statusServer(503),
    statusServer(500),
    delayedServer(150)
  ])
  const refused = await closedPortUrl()
  const { ctx, reporter } = context([
    { name: 'ok', url: servers[0].url },
    { name: 'busy', url: servers[1].url },
    { name: 'broken', url: servers[2].url },
    { name: 'slow', url: servers[3].url, 'degraded-latency-ms': 50 },
    { name: 'gone', url: refused }
  ])
  await monitor(ctx)
  expect(reporter.of('error')).toEqual([
    { kind: 'error', message: 'busy is down: HTTP 503', title: 'busy down' },
    {
      kind: 'error',
      message: 'broken is down: HTTP 500',
      title: 'broken down'
    },
    {
      kind: 'error',
      message: 'gone is down: connection refused',
      title: 'gone down'
    }
  ])
  expect(reporter.of('warning')).toEqual([
    {
      kind: 'warning',
      message: expect.stringMatching(/^slow is degraded: slow: \d+ ms/),
      title: 'slow degraded'
    }
  ])
})

test('the summary table has one row per service under the documented columns', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(503)])
  const { ctx, reporter } = context([
    { name: 'api', url: a.url },
    { name: 'web', url: b.url }
  ])
  await monitor(ctx)
  expect(reporter.summaries).toHaveLength(1)
  const lines = reporter.summaries[0]!.split('\n')
  expect(lines[0]).toBe('### Health: critical')
  expect(lines).toContain(
    '| service | state | HTTP status | latency | attempts | reason |'
  )
  const rows = lines.filter((l) => /^\| (api|web) \|/.test(l))
  expect(rows).toHaveLength(2)
  expect(rows[0]).toMatch(
    /^\| api \| 🟢 healthy \| 200 \| \d+ ms \| 1 \| {2}\|$/
  )
  expect(rows[1]).toMatch(
    // A service that did not answer as it should has no answer time.
    /^\| web \| 🔴 down \| 503 \| – \| 1 \| HTTP 503 \|$/
  )
})

test('monitorOutputs gives the status, health, per-service health and the report', async () => {
  const [a, b] = await Promise.all([healthyServer(), statusServer(429)])
  const { ctx, reportPath } = context([
    { name: 'fastapi', url: a.url },
    { name: 'gradio', url: b.url }
  ])
  const result = await monitor(ctx)
  const outputs = monitorOutputs(result)
  expect(Object.keys(outputs).sort()).toEqual([
    'fastapi-health',
    'gradio-health',
    'health',
    'monitoring-status',
    'report',
    'report-path'
  ])
  expect(outputs['monitoring-status']).toBe('degraded')
  expect(JSON.parse(outputs.health!)).toEqual({
    fastapi: 'healthy',
    gradio: 'degraded'
  })
  expect(outputs['fastapi-health']).toBe('healthy')
  expect(outputs['gradio-health']).toBe('degraded')
  expect(outputs['report-path']).toBe(reportPath)
  expect(outputs.report).not.toContain('\n')
  expect(JSON.parse(outputs.report!)).toEqual(
    JSON.parse(await readFile(reportPath, 'utf8'))
  )
})

test('a body line starting with ::error:: never starts a logged line', async () => {
  const [a, b] = await Promise.all([commandBodyServer(), commandBodyServer()])
  const { ctx, reporter } = context([
    { name: 'a', url: a.url },
    { name: 'b', url: b.url, expect: { 'body-contains': 'not there' } }
  ])
  const result = await monitor(ctx)
  expect(result.report.services.b?.status).toBe('down')
  const lines = reporter.logLines()
  expect(lines.length).toBeGreaterThan(0)
  for (const line of lines) {
    expect(line).not.toMatch(/^\s*::/)
    expect(line).not.toMatch(/[\r\n\u2028\u2029]/)
    expect(line).not.toContain('::error::')
    expect(line).not.toContain('::set-output')
  }
  for (const value of Object.values(monitorOutputs(result))) {
    expect(value).not.toMatch(/[\r\n]/)
    expect(value).not.toContain('::error::')
  }
  for (const line of reporter.summaries.join('\n').split('\n'))
    expect(line).not.toMatch(/^\s*::/)
})

/** The info lines about one service, as a person watching the log reads them. */
function infoAbout(reporter: RecordingReporter, name: string): string[] {
  return reporter
    .of('info')
    .map((c) => c.message)
    .filter((m) => m.startsWith(`${name}: `))
}

test('every attempt goes to the debug log on one line with the service, the state and the reason', async () => {
  const server = await flakyServer(1)
  const { ctx, reporter } = context([
    { name: 'api', url: server.url, retries: 1 }
  ])
  await monitor(ctx)
  expect(reporter.of('debug').map((c) => c.message)).toEqual([
    expect.stringMatching(/^api: attempt 1 down, HTTP 503 \(HTTP 503\)$/),
    expect.stringMatching(/^api: attempt 2 healthy, HTTP 200, \d+ ms$/)
  ])
})

test('a service that answers at once gets one line: its outcome', async () => {
  const server = await healthyServer()
  const { ctx, reporter } = context([{ name: 'api', url: server.url }])
  await monitor(ctx)
  expect(infoAbout(reporter, 'api')).toEqual([
    expect.stringMatching(/^api: healthy, HTTP 200, \d+ ms$/)
  ])
})

test('a service down with no retry left gets one line: its outcome', async () => {
  const server = await statusServer(503)
  const { ctx, reporter } = context([{ name: 'api', url: server.url }])
  await monitor(ctx)
  expect(infoAbout(reporter, 'api')).toEqual([
    expect.stringMatching(/^api: down, HTTP 503 \(HTTP 503\)$/)
  ])
})

test('without a grace period the first failure says how many attempts are left', async () => {
  const server = await statusServer(503)
  const { ctx, reporter } = context([
    { name: 'api', url: server.url, retries: 1 }
  ])
  await monitor(ctx)
  expect(infoAbout(reporter, 'api')).toEqual([
    expect.stringMatching(
      /^api: attempt 1 down, HTTP 503 \(HTTP 503\); 1 more attempt$/
    ),
    expect.stringMatching(
      /^api: down, HTTP 503 \(HTTP 503\), after 2 attempts in 0\.\d s$/
    )
  ])
})

test('a service that comes up during the wait shows its first failure and then how long it took', async () => {
  const server = await flakyServer(1)
  const { ctx, reporter } = context([{ name: 'api', url: server.url }])
  await monitor(ctx, { gracePeriodMs: 300 })
  expect(infoAbout(reporter, 'api')).toEqual([
    expect.stringMatching(
      /^api: attempt 1 down, HTTP 503 \(HTTP 503\); trying again for up to 0\.3 s$/
    ),
    expect.stringMatching(
      /^api: healthy, HTTP 200, \d+ ms, after 2 attempts in 0\.\d s$/
    )
  ])
})

test('a wait prints a progress line per interval instead of a line per attempt', async () => {
  const server = await statusServer(503)
  const { ctx, reporter } = context([
    { name: 'api', url: server.url, retries: 1 }
  ])
  const result = await monitor(ctx, {
    gracePeriodMs: 2500,
    progressEveryMs: 1000
  })
  const attempts = result.report.services.api?.attempts ?? 0
  expect(attempts).toBeGreaterThanOrEqual(4)
  expect(reporter.of('debug')).toHaveLength(attempts)
  expect(infoAbout(reporter, 'api')).toEqual([
    expect.stringMatching(
      /^api: attempt 1 down, HTTP 503 \(HTTP 503\); trying again for up to 2\.5 s$/
    ),
    expect.stringMatching(
      /^api: still down \(HTTP 503\) after 2\.\d s; waiting up to 2\.5 s$/
    ),
    expect.stringMatching(
      new RegExp(
        `^api: down, HTTP 503 \\(HTTP 503\\), after ${attempts} attempts in 2\\.\\d s$`
      )
    )
  ])
})

test('the probes run inside one log group', async () => {
  const server = await healthyServer()
  const { ctx, reporter } = context([{ name: 'api', url: server.url }])
  await monitor(ctx)
  expect(reporter.of('group').map((c) => c.message)).toEqual([
    'Health checks (1 service)'
  ])
})

test('within a grace period a down service is probed again until it answers', async () => {
  const server = await flakyServer(1)
  const { ctx } = context([{ name: 'api', url: server.url }])
  const result = await monitor(ctx, { gracePeriodMs: 300 })
  expect(result.report.services.api).toMatchObject({
    status: 'healthy',
    attempts: 2
  })
})

test('without a grace period a down service is probed once', async () => {
  const server = await statusServer(503)
  const { ctx } = context([{ name: 'api', url: server.url }])
  await monitor(ctx)
  expect(server.requests()).toBe(1)
})

test('a service with expect.version must report the deployed version', async () => {
  const sha = 'abcdef0123456789abcdef0123456789abcdef01'
  const [old, fresh] = await Promise.all([
    textServer('{"status":"ok","version":"0000000"}'),
    textServer(`{"status":"ok","version":"${sha}"}`)
  ])
  const { ctx } = context([
    { name: 'old', url: old.url, expect: { version: true } },
    { name: 'fresh', url: fresh.url, expect: { version: true } }
  ])
  const result = await monitor(ctx, { version: sha })
  expect(result.report.services.old).toMatchObject({
    status: 'down',
    error: 'body did not contain the deployed version abcdef012345'
  })
  expect(result.report.services.fresh?.status).toBe('healthy')
})

test('a service without expect.version ignores the deployed version', async () => {
  const server = await healthyServer()
  const { ctx } = context([{ name: 'api', url: server.url }])
  const result = await monitor(ctx, { version: 'abcdef0123456789' })
  expect(result.status).toBe('healthy')
})

test('a service that never answers does not hold the stage past its timeout', async () => {
  const [quiet, ok] = await Promise.all([silentServer(), healthyServer()])
  const { ctx } = context([
    { name: 'quiet', url: quiet.url, 'timeout-ms': 200 },
    { name: 'ok', url: ok.url }
  ])
  const started = performance.now()
  const result = await monitor(ctx)
  expect(performance.now() - started).toBeLessThan(2000)
  expect(result.report.services.quiet).toMatchObject({
    status: 'down',
    error: 'timeout after 200 ms'
  })
  expect(result.report.services.ok?.status).toBe('healthy')
})

test('the report directory is created when missing', async () => {
  const server = await healthyServer()
  const reportPath = join(dir, 'deep', 'er', 'report.json')
  const { ctx } = context([{ name: 'api', url: server.url }], {
    'report-path': reportPath
  })
  await monitor(ctx)
  expect(JSON.parse(await readFile(reportPath, 'utf8')).run_id).toBe('12345')
})

test('a dry run probes the services but writes no report file', async () => {
  const a = await healthyServer()
  const { ctx, reportPath } = context([{ name: 'api', url: a.url }], {
    'dry-run': 'true'
  })
  const result = await monitor(ctx)
  expect(result.status).toBe('healthy')
  expect(result.reportPath).toBe('')
  await expect(readFile(reportPath, 'utf8')).rejects.toThrow(/ENOENT/)
  expect(monitorOutputs(result)['report-path']).toBe('')
})
