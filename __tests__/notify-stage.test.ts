import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { runStage, type RunResult } from '../src/run-stages.js'
import type { NotifyKind } from '../src/notify/event.js'
import { JOB_IDS } from '../src/needs.js'
import { startEmulator, sha, type Emulator } from './emulator/index.js'
import {
  depsOf,
  enterEmptyDir,
  githubPlatform,
  opsContext,
  seedDashboard,
  startOps,
  stateOf,
  tickingClock,
  type Ops
} from './helpers/ops.js'
import type { RecordingReporter } from './helpers/log.js'
import {
  scripts,
  startReceiver,
  type Receiver,
  type Reply
} from './helpers/receivers.js'

const V1 = sha('app v1')
const V2 = sha('app v2')
const T0 = new Date('2025-12-22T13:00:00.000Z')
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000)

let leave: () => Promise<void>
let emulator: Emulator
let ops: Ops
const receivers: Receiver[] = []

beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})
beforeEach(async () => {
  emulator = await startEmulator()
  emulator.addCommit(V1, 'v1', { branch: 'main' })
  emulator.addCommit(V2, 'v2', { branch: 'main', parents: [V1] })
  emulator.setPermission('octocat', 'write')
  ops = await startOps(['api', 'web'])
  await ops.setService('api', 'ok', V1)
  await ops.setService('web', 'ok', V1)
})
afterEach(async () => {
  await emulator.close()
  await ops.close()
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

interface Channels {
  slack: Receiver
  discord: Receiver
  webhook: Receiver
}

async function channels(
  replies: { [K in keyof Channels]?: Reply } = {}
): Promise<Channels> {
  const start = async (reply?: Reply) => {
    const receiver = await startReceiver([], reply)
    receivers.push(receiver)
    return receiver
  }
  return {
    slack: await start(replies.slack),
    discord: await start(replies.discord),
    webhook: await start(replies.webhook)
  }
}

interface RunOptions {
  at: Date | (() => Date)
  to: Channels
  inputs?: Record<string, string>
  run?: Record<string, string>
}

function context(options: RunOptions) {
  const { at } = options
  return opsContext({
    reportPath: join(ops.dir, 'report.json'),
    now: typeof at === 'function' ? at : () => at,
    config: {
      services: ops.serviceConfig(),
      monitor: { 'grace-period-ms': 0 },
      notify: { 'reminder-hours': 1, webhooks: [options.to.webhook.url] }
    },
    inputs: {
      action: 'healthcheck',
      'slack-webhook-url': options.to.slack.url,
      'discord-webhook-url': options.to.discord.url,
      ...options.inputs
    },
    run: { sha: V2, ...options.run }
  })
}

async function runAll(
  options: RunOptions
): Promise<{ result: RunResult; reporter: RecordingReporter }> {
  const { ctx, reporter } = context(options)
  const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
  return { result, reporter }
}

/** The kinds the generic webhook received, in order. */
function kinds(to: Channels): NotifyKind[] {
  return to.webhook.requests.map(
    (r) => (JSON.parse(r.body) as { event: { kind: NotifyKind } }).event.kind
  )
}

function counts(to: Channels): number[] {
  return [to.slack, to.discord, to.webhook].map((r) => r.requests.length)
}

function dashboardState() {
  return stateOf(emulator.issue(1)?.body)
}

test('entering critical sends exactly one message to each channel', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  const { result } = await runAll({ at: T0, to })
  expect(result.outputs.notified).toBe('true')
  expect(counts(to)).toEqual([1, 1, 1])
  expect(kinds(to)).toEqual(['critical'])
  expect(to.slack.requests[0]?.body).toContain('Critical')
  expect(to.discord.requests[0]?.path).toContain('wait=true')
})

test('what was sent is remembered in the dashboard state', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  await runAll({ at: T0, to })
  expect(dashboardState().notify).toEqual(
    expect.objectContaining({
      last_kind: 'critical',
      last_overall: 'critical',
      last_sent_at: T0.toISOString(),
      last_error: null
    })
  )
})

test('a second run in the same state sends nothing', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  await runAll({ at: T0, to })
  const { result } = await runAll({ at: minutes(5), to })
  expect(result.outputs.notified).toBe('false')
  expect(counts(to)).toEqual([1, 1, 1])
})

test('a reminder is sent once reminder-hours have passed while still critical', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  await runAll({ at: T0, to })
  await runAll({ at: minutes(30), to })
  expect(kinds(to)).toEqual(['critical'])
  await runAll({ at: minutes(120), to })
  expect(kinds(to)).toEqual(['critical', 'reminder'])
  expect(counts(to)).toEqual([2, 2, 2])
  expect(to.slack.requests[1]?.body).toContain('Still critical')
  expect(dashboardState().notify.last_sent_at).toBe(minutes(120).toISOString())
})

test('recovery sends recovered', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  await runAll({ at: T0, to })
  await ops.setService('api', 'ok', V1)
  const { result } = await runAll({ at: minutes(10), to })
  expect(result.failure).toBeNull()
  expect(kinds(to)).toEqual(['critical', 'recovered'])
  expect(to.slack.requests[1]?.body).toContain('Recovered')
})

test('a healthy system sends nothing', async () => {
  const to = await channels()
  const { result } = await runAll({ at: T0, to })
  expect(result.outputs.notified).toBe('false')
  expect(counts(to)).toEqual([0, 0, 0])
})

test('when every channel fails the step does not fail: a warning, notified false and a notify-failed event on the dashboard', async () => {
  const good = await channels()
  await ops.setService('api', 'broken', V1)
  await runAll({ at: T0, to: good })
  await ops.setService('api', 'ok', V1)
  const bad = await channels({
    slack: scripts.badRequest(),
    discord: scripts.notFound(),
    webhook: scripts.gone()
  })
  const { result, reporter } = await runAll({ at: minutes(10), to: bad })
  expect(result.failure).toBeNull()
  expect(result.outputs.notified).toBe('false')
  expect(counts(bad)).toEqual([1, 1, 1])
  expect(
    reporter.of('warning').filter((w) => w.message.includes('not delivered'))
  ).toHaveLength(3)
  const state = dashboardState()
  const failed = state.events.find((e) => e.kind === 'notify-failed')
  expect(failed?.text).toContain('recovered')
  expect(state.notify.last_error).toContain('slack webhook')
  // Still owed: the last message people got said critical.
  expect(state.notify.last_overall).toBe('critical')
})

test('the webhook URLs appear in no log line, summary, dashboard or GitHub request', async () => {
  // Careless receivers that repeat the request path in their refusals.
  const to = await channels({
    slack: scripts.echoPath(),
    discord: scripts.echoToken()
  })
  const secrets = [to.slack, to.discord, to.webhook].flatMap((r) => [
    r.url,
    ...r.secrets
  ])
  await ops.setService('api', 'broken', V1)
  const runs = [
    await runAll({ at: T0, to }),
    await runAll({ at: minutes(120), to })
  ]
  await ops.setService('api', 'ok', V1)
  runs.push(await runAll({ at: minutes(130), to }))
  expect(counts(to)).toEqual([3, 3, 3])

  const seen: string[] = []
  for (const { result, reporter } of runs) {
    seen.push(...reporter.logLines(), ...reporter.summaries)
    seen.push(...Object.values(result.outputs))
  }
  seen.push(...emulator.issues().map((i) => i.body ?? ''))
  seen.push(...emulator.requests.entries.map((e) => JSON.stringify(e.body)))
  const text = seen.join('\n')
  for (const secret of secrets) expect(text).not.toContain(secret)
  // The failures themselves were reported, without the URL.
  expect(text).toContain('slack webhook: HTTP 400')
})

test('a dry run sends nothing and prints what it would send', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  const { reporter } = await runAll({
    at: T0,
    to,
    inputs: { 'dry-run': 'true' }
  })
  expect(counts(to)).toEqual([0, 0, 0])
  expect(emulator.requests.writes()).toEqual([])
  expect(reporter.logLines().join('\n')).toContain(
    'Dry run: would send the critical notification to the slack webhook'
  )
})

test('an emergency stop and a resume are each announced once', async () => {
  const to = await channels()
  emulator.addWorkflowRun({ id: 100, workflow_id: 7, status: 'in_progress' })
  await runAll({ at: T0, to })
  await runAll({
    at: minutes(1),
    to,
    inputs: { action: 'emergency-stop', reason: 'stop' }
  })
  expect(kinds(to)).toEqual(['emergency-stop'])
  await ops.setService('api', 'ok', V1)
  await ops.setService('web', 'ok', V1)
  await runAll({ at: minutes(2), to, inputs: { action: 'resume' } })
  expect(kinds(to)).toEqual(['emergency-stop', 'resume'])
  expect(to.slack.requests[0]?.body).toContain('Emergency stop')
}, 60_000)

test('an emergency stop is announced even before any health check has run', async () => {
  const to = await channels()
  emulator.addWorkflowRun({ id: 100, workflow_id: 7, status: 'in_progress' })
  const { result } = await runAll({
    at: T0,
    to,
    inputs: { action: 'emergency-stop', reason: 'stop' }
  })
  expect(result.outputs['deployment-status']).toBe('success')
  expect(kinds(to)).toEqual(['emergency-stop'])
})

test('an automatic rollback is announced with the tag it went back to', async () => {
  const to = await channels()
  const oldTag = 'deployment-20251220-100000'
  emulator.addTag(oldTag, V1)
  seedDashboard(emulator, {
    deployments: [
      {
        tag: oldTag,
        sha: V1,
        time: '2025-12-20T10:00:00.000Z',
        actor: 'octocat',
        components: ['api', 'web'],
        verified: true,
        kind: 'deploy',
        run_url: ''
      }
    ]
  })
  await ops.setMode('broken', V2)
  await runAll({ at: tickingClock(T0), to, inputs: { action: 'deploy' } })
  expect(kinds(to)).toEqual(['rollback-executed'])
  const sent = JSON.parse(to.webhook.requests[0]?.body ?? '{}') as {
    event: { tag: string }
  }
  expect(sent.event.tag).toBe(oldTag)
  expect(to.slack.requests[0]?.body).toContain(`Rolled back to ${oldTag}`)
}, 60_000)

/** The results the workflow passes on after a health check. */
async function checked(at: Date, to: Channels): Promise<string> {
  const { ctx } = context({ at, to, inputs: { stage: 'monitor' } })
  const gate = await runStage('gate', ctx, depsOf(githubPlatform(emulator)))
  const monitored = await runStage(
    'monitor',
    ctx,
    depsOf(githubPlatform(emulator))
  )
  return JSON.stringify({
    [JOB_IDS.gate]: { result: 'success', outputs: gate.outputs },
    [JOB_IDS.monitor]: { result: 'success', outputs: monitored.outputs }
  })
}

async function job(
  stage: 'status' | 'notify',
  at: Date,
  to: Channels,
  results: string,
  id = '12345'
): Promise<RunResult> {
  const { ctx } = context({ at, to, inputs: { stage, results }, run: { id } })
  return runStage(stage, ctx, depsOf(githubPlatform(emulator)))
}

describe('status and notify as separate jobs', () => {
  test('the notify job sends once, and a re-run of it sends nothing', async () => {
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    const results = await checked(T0, to)
    const status = await job('status', T0, to, results)
    expect(status.outputs.notified).toBeUndefined()
    expect(counts(to)).toEqual([0, 0, 0])
    const first = await job('notify', T0, to, results)
    expect(first.outputs.notified).toBe('true')
    expect(counts(to)).toEqual([1, 1, 1])
    expect(dashboardState().notify.last_sent_at).toBe(T0.toISOString())
    const again = await job('notify', minutes(1), to, results)
    expect(again.outputs.notified).toBe('false')
    expect(counts(to)).toEqual([1, 1, 1])
  })
})

test('the notify stage with no dashboard yet warns and sends nothing', async () => {
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  const { ctx, reporter } = context({
    at: T0,
    to,
    inputs: { stage: 'notify' }
  })
  const result = await runStage('notify', ctx, depsOf(githubPlatform(emulator)))
  expect(result.outputs.notified).toBe('false')
  expect(counts(to)).toEqual([0, 0, 0])
  expect(
    reporter
      .of('warning')
      .map((w) => w.message)
      .join('\n')
  ).toContain('no dashboard')
})

describe('each message announced once', () => {
  const claim = (at: Date, result = 'pending') => ({
    key: 'critical (unknown to critical)',
    overall: 'critical' as const,
    run: '777',
    token: 'f00d',
    at: at.toISOString(),
    result: result as 'pending'
  })
  const memory = (claims: ReturnType<typeof claim>[]) => ({
    last_kind: null,
    last_overall: null,
    last_sent_at: null,
    last_attempt_at: null,
    last_error: null,
    claims
  })

  test('two runs entering critical at the same moment send one message to each channel', async () => {
    seedDashboard(emulator, {})
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    const runs = await Promise.all([
      runAll({ at: T0, to, run: { id: '201' } }),
      runAll({ at: T0, to, run: { id: '202' } })
    ])
    expect(counts(to)).toEqual([1, 1, 1])
    expect(runs.map((r) => r.result.outputs.notified).sort()).toEqual([
      'false',
      'true'
    ])
    const { claims } = dashboardState().notify
    expect(claims).toEqual([
      expect.objectContaining({
        key: 'critical (unknown to critical)',
        result: 'sent'
      })
    ])
  }, 60_000)

  test('two notify jobs at the same moment send one message to each channel', async () => {
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    const results = await checked(T0, to)
    await job('status', T0, to, results)
    await Promise.all([
      job('notify', T0, to, results, '301'),
      job('notify', T0, to, results, '302')
    ])
    expect(counts(to)).toEqual([1, 1, 1])
    expect(dashboardState().notify.last_overall).toBe('critical')
  }, 60_000)

  test("another run's claim on the same message, under ten minutes old, holds this run back", async () => {
    seedDashboard(emulator, { notify: memory([claim(minutes(-5))]) })
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    const { result, reporter } = await runAll({ at: T0, to })
    expect(result.outputs.notified).toBe('false')
    expect(counts(to)).toEqual([0, 0, 0])
    expect(reporter.logLines().join('\n')).toContain(
      'notify: critical (unknown to critical) was claimed by run 777'
    )
  })

  test('a claim left pending for more than ten minutes no longer holds: this run sends', async () => {
    seedDashboard(emulator, { notify: memory([claim(minutes(-11))]) })
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    const { result } = await runAll({ at: T0, to })
    expect(result.outputs.notified).toBe('true')
    expect(counts(to)).toEqual([1, 1, 1])
  })

  test('a message that reached no channel does not hold back the next try', async () => {
    seedDashboard(emulator, {
      notify: memory([claim(minutes(-1), 'failed')])
    })
    const to = await channels()
    await ops.setService('api', 'broken', V1)
    await runAll({ at: T0, to })
    expect(counts(to)).toEqual([1, 1, 1])
  })

  test('a message sent whole but never answered is recorded as unconfirmed and not sent again by the next run', async () => {
    const received: string[] = []
    const server = http.createServer((req) => {
      req.resume()
      req.on('end', () => {
        received.push(req.url ?? '')
        req.socket.destroy()
      })
    })
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve())
    )
    const { port } = server.address() as AddressInfo
    const to = await channels()
    const silent = `http://127.0.0.1:${port}/hooks`
    const only = {
      slack: { ...to.slack, url: `${silent}/slack` },
      discord: { ...to.discord, url: `${silent}/discord` },
      webhook: { ...to.webhook, url: `${silent}/webhook` }
    }
    try {
      await ops.setService('api', 'broken', V1)
      const first = await runAll({ at: T0, to: only })
      expect(first.result.outputs.notified).toBe('false')
      const state = dashboardState()
      expect(state.notify.claims[0]?.result).toBe('unconfirmed')
      expect(state.notify.last_overall).toBe('critical')
      expect(state.events.map((e) => e.kind)).toContain('notify-unconfirmed')
      expect(received).toHaveLength(3)
      await runAll({ at: minutes(5), to: only })
      expect(received).toHaveLength(3)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

test('a scheduled check that announces critical writes twice: its results with the claim, then what was sent', async () => {
  seedDashboard(emulator, {})
  const to = await channels()
  await ops.setService('api', 'broken', V1)
  emulator.requests.clear()
  await runAll({ at: T0, to })
  expect(
    emulator.requests.entries.map((e) => `${e.method} ${e.route}`)
  ).toEqual([
    'GET /repos/{owner}/{repo}/git/ref/{ref}',
    'GET /repos/{owner}/{repo}/deployments',
    'GET /user',
    'GET /repos/{owner}/{repo}/issues/{issue_number}',
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    'GET /repos/{owner}/{repo}/issues/{issue_number}',
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    'GET /repos/{owner}/{repo}/issues/{issue_number}'
  ])
  expect(counts(to)).toEqual([1, 1, 1])
})

test('a re-run of the notify job of an emergency stop does not announce it again', async () => {
  const to = await channels()
  emulator.addWorkflowRun({ id: 100, workflow_id: 7, status: 'in_progress' })
  await runAll({ at: T0, to })
  const stop = {
    [JOB_IDS.gate]: {
      result: 'success',
      outputs: { approved: 'true', action: 'emergency-stop' }
    },
    [JOB_IDS.deploy]: {
      result: 'success',
      outputs: { 'deployment-status': 'success', halted: 'true' }
    }
  }
  await job('notify', minutes(1), to, JSON.stringify(stop), '400')
  expect(kinds(to)).toEqual(['emergency-stop'])
  await job('notify', minutes(30), to, JSON.stringify(stop), '400')
  expect(kinds(to)).toEqual(['emergency-stop'])
})
