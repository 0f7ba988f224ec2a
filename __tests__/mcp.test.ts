// `runbook mcp` over the real protocol: the built server as a child process,
// driven by the MCP SDK's Client over stdio, against the GitHub REST emulator
// and real HTTP services, in a real git checkout whose origin names the
// repository.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { DashboardState } from '../src/dashboard/state.js'
import { ACTIONS } from '../src/inputs.js'
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from '../src/platform/platform.js'
import type {
  PlanOutput,
  RunActionOutput,
  StatusOutput,
  WatchRunOutput
} from '../src/mcp/schemas.js'
import {
  DEFAULT_LOGIN,
  FULL_ACCESS,
  startEmulator,
  type Emulator
} from './emulator/index.js'
import { tempRepo, type TempRepo } from './helpers/git.js'
import { recordDeployments } from './helpers/github.js'
import { BIN, errorText, startMcp, type McpSession } from './helpers/mcp.js'
import { closedPortUrl } from './helpers/servers.js'

const run = promisify(execFile)
const WORKFLOW_ID = 4242
const AGENT = 'agent-token'
const READER = 'read-only-token'

let emulator: Emulator
let repo: TempRepo
let services: http.Server
let github: McpSession
/** What `runbook status --json` printed after the local deploy. */
let localState: DashboardState
let deployed: string

/** Runs the built local tool in the checkout. */
async function runbook(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], {
    cwd: repo.dir,
    env: { PATH: process.env.PATH ?? '', HOME: repo.dir }
  })
  return stdout
}

function githubEnv(token?: string, apiUrl = emulator.url) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: repo.dir,
    GITHUB_API_URL: apiUrl,
    ...(token ? { GITHUB_TOKEN: token } : {})
  }
}

const structured = <T>(result: { structuredContent?: unknown }): T =>
  result.structuredContent as T

beforeAll(async () => {
  services = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(`{"status":"ok","path":"${request.url}"}`)
  })
  await new Promise<void>((resolve) => services.listen(0, '127.0.0.1', resolve))
  const port = (services.address() as AddressInfo).port
  repo = await tempRepo()
  await mkdir(join(repo.dir, '.github'))
  await writeFile(
    join(repo.dir, '.github', 'runbook.yml'),
    [
      'services:',
      `  - { name: api, url: "http://127.0.0.1:${port}/api", retries: 0 }`,
      `  - { name: web, url: "http://127.0.0.1:${port}/web", retries: 0 }`,
      'monitor: { grace-period-ms: 0 }',
      ''
    ].join('\n')
  )
  await repo.git('add', '.')
  await repo.git('commit', '-q', '-m', 'runbook config')
  await repo.git('remote', 'add', 'origin', 'git@github.com:octo-org/app.git')
  // A real deploy, locally: its tag, its recorded deployment, its dashboard.
  await runbook('deploy')
  localState = JSON.parse(await runbook('status', '--json')) as DashboardState
  deployed = localState.deployments[0]?.tag ?? ''

  // The same history on GitHub, as the workflow's token would have written it.
  emulator = await startEmulator()
  emulator.addToken(AGENT, FULL_ACCESS, { login: 'octocat' })
  emulator.addToken(
    READER,
    { actions: 'read', contents: 'read', deployments: 'read', issues: 'read' },
    { login: 'octocat' }
  )
  emulator.setPermission('octocat', 'write')
  emulator.addWorkflow({
    id: WORKFLOW_ID,
    file: 'ai-agent-handoff-runbook.yml',
    name: 'Runbook',
    inputs: {
      action: [...ACTIONS],
      target_component: ['all', 'api', 'web'],
      rollback_version: null,
      reason: null,
      dry_run: null
    }
  })
  const head = await repo.head()
  emulator.addCommit(head, 'runbook config', { branch: 'main' })
  emulator.addTag(deployed, head)
  recordDeployments(emulator, localState.deployments)
  emulator.addIssue({
    title: 'Runbook status dashboard',
    body: await readFile(join(repo.dir, '.runbook', 'dashboard.md'), 'utf8'),
    author: DEFAULT_LOGIN,
    labels: [DASHBOARD_LABEL]
  })
  github = await startMcp({ cwd: repo.dir, env: githubEnv(AGENT) })
}, 30_000)

afterAll(async () => {
  await github?.close()
  await emulator?.close()
  services?.closeAllConnections()
  await new Promise((resolve) => services?.close(resolve))
  await repo?.remove()
})

describe('the tools', () => {
  test('are the five tools, each with an input and output schema', async () => {
    const { tools } = await github.client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual([
      'healthcheck',
      'plan',
      'run_action',
      'status',
      'watch_run'
    ])
    for (const tool of tools) {
      expect([tool.name, tool.inputSchema.type]).toEqual([tool.name, 'object'])
      expect([tool.name, tool.outputSchema?.type]).toEqual([
        tool.name,
        'object'
      ])
    }
    const plan = tools.find((t) => t.name === 'plan')
    expect(plan?.inputSchema.required).toEqual(['action'])
    expect(plan?.inputSchema.properties?.action).toMatchObject({
      enum: [...ACTIONS]
    })
  })

  test('say truthfully which change nothing and which act', async () => {
    const { tools } = await github.client.listTools()
    const hints = Object.fromEntries(
      tools.map((t) => [
        t.name,
        [t.annotations?.readOnlyHint, t.annotations?.destructiveHint]
      ])
    )
    expect(hints).toEqual({
      status: [true, false],
      healthcheck: [true, false],
      plan: [true, false],
      watch_run: [true, false],
      run_action: [false, true]
    })
  })

  test('stdout carries only protocol messages: the client saw no stray line', async () => {
    const errors: Error[] = []
    github.client.onerror = (error) => errors.push(error)
    await github.call('status')
    await github.call('plan', { action: 'healthcheck' })
    expect(errors).toEqual([])
    expect(github.stderr()).toContain('serving octo-org/app')
  })
})

describe('status', () => {
  test('agrees with `runbook status --json`', async () => {
    const status = structured<StatusOutput>(await github.call('status'))
    expect(status.repository).toBe('octo-org/app')
    expect(status.overall).toBe(localState.overall)
    expect(status.halt).toEqual(localState.halt)
    expect(status.next).toEqual(localState.next)
    expect(status.live).toEqual(localState.live)
    expect(
      Object.fromEntries(
        Object.entries(status.services).map(([n, s]) => [n, s.status])
      )
    ).toEqual(
      Object.fromEntries(
        Object.entries(localState.services).map(([n, s]) => [n, s.status])
      )
    )
    expect(status.problems).toEqual([])
  })

  test('reads what runs and what was verified from the recorded deployments', async () => {
    const status = structured<StatusOutput>(await github.call('status'))
    expect(status.services.api?.live?.tag).toBe(deployed)
    expect(status.services.api?.last_verified?.tag).toBe(deployed)
    expect(status.services.web?.last_verified?.tag).toBe(deployed)
  })
})

test('healthcheck probes the services now and writes no report', async () => {
  const before = await readFile(join(repo.dir, '.runbook', 'report.json'))
  const result = await github.call('healthcheck')
  const report = structured<{ overall_status: string; services: object }>(
    result
  )
  expect(report.overall_status).toBe('healthy')
  expect(Object.keys(report.services)).toEqual(['api', 'web'])
  expect(await readFile(join(repo.dir, '.runbook', 'report.json'))).toEqual(
    before
  )
})

describe('plan', () => {
  test('runs the gate and writes nothing', async () => {
    emulator.requests.clear()
    const plan = structured<PlanOutput>(
      await github.call('plan', { action: 'deploy', reason: 'v2' })
    )
    expect(plan).toMatchObject({
      approved: true,
      action: 'deploy',
      halted: false,
      rollback_target: deployed,
      actor: 'octocat',
      command:
        'gh workflow run ai-agent-handoff-runbook.yml -f action=deploy -f reason=v2'
    })
    expect(plan.stages.map((s) => s.job)).toEqual([
      'safety-gate',
      'ci',
      'deploy',
      'monitor',
      'rollback',
      'update-status',
      'notify'
    ])
    expect(emulator.requests.count()).toBeGreaterThan(0)
    expect(emulator.requests.writes()).toEqual([])
  })

  test('of a rollback with no earlier verified deployment says the gate would refuse, and why', async () => {
    const plan = structured<PlanOutput>(
      await github.call('plan', { action: 'rollback' })
    )
    expect(plan.approved).toBe(false)
    expect(plan.reason).toContain('no earlier verified-healthy deployment')
    expect(emulator.requests.writes()).toEqual([])
  })
})

describe('run_action', () => {
  test('without confirm is refused and dispatches nothing', async () => {
    const result = await github.call('run_action', { action: 'deploy' })
    expect(result.isError).toBe(true)
    expect(errorText(result)).toContain('run_action needs confirm: true')
    expect(emulator.dispatches()).toEqual([])
  })

  test('with confirm makes exactly one workflow_dispatch with the validated inputs', async () => {
    const result = await github.call('run_action', {
      action: 'rollback',
      rollback_version: deployed,
      target_component: 'api',
      reason: 'api\nis slow  ',
      confirm: true
    })
    const out = structured<RunActionOutput>(result)
    const dispatches = emulator.dispatches()
    expect(dispatches).toHaveLength(1)
    expect(emulator.requests.count('POST', /\/dispatches$/)).toBe(1)
    expect(dispatches[0]).toMatchObject({
      ref: 'main',
      actor: 'octocat',
      inputs: {
        action: 'rollback',
        target_component: 'api',
        rollback_version: deployed,
        reason: 'api is slow',
        dry_run: 'false'
      }
    })
    expect(out.run?.id).toBe(dispatches[0]?.runId)
    expect(out.run?.url).toBe(
      `https://github.com/octo-org/app/actions/runs/${dispatches[0]?.runId}`
    )
    expect(out.confirmed_by).toBe('confirm-flag')
  })

  test('refused by the safety gate dispatches nothing, but an emergency stop still goes', async () => {
    const head = emulator.headSha()
    emulator.addTag('runbook-halt', head, {
      message: JSON.stringify({
        by: 'octocat',
        at: new Date().toISOString(),
        reason: 'drill'
      })
    })
    try {
      const count = emulator.dispatches().length
      const refused = await github.call('run_action', {
        action: 'deploy',
        confirm: true
      })
      expect(refused.isError).toBe(true)
      expect(errorText(refused)).toMatch(
        /^deploy refused by the safety gate, so nothing was run: an emergency stop is in effect/
      )
      expect(emulator.dispatches()).toHaveLength(count)
      const stop = await github.call('run_action', {
        action: 'emergency-stop',
        reason: 'still stopping',
        confirm: true
      })
      expect(stop.isError).toBeFalsy()
      expect(emulator.dispatches()).toHaveLength(count + 1)
    } finally {
      emulator.deleteRef('refs/tags/runbook-halt')
    }
  })

  test('asks the person to confirm the exact command, and a no dispatches nothing', async () => {
    const asked: string[] = []
    let answer: 'accept' | 'decline' = 'decline'
    const session = await startMcp({
      cwd: repo.dir,
      env: githubEnv(AGENT),
      elicit: (message) => {
        asked.push(message)
        return answer === 'accept'
          ? { action: 'accept', content: { confirm: true } }
          : { action: 'decline' }
      }
    })
    try {
      const count = emulator.dispatches().length
      const declined = await session.call('run_action', {
        action: 'healthcheck',
        confirm: true
      })
      expect(declined.isError).toBe(true)
      expect(errorText(declined)).toContain('the person did not confirm')
      expect(asked[0]).toContain(
        'gh workflow run ai-agent-handoff-runbook.yml -f action=healthcheck'
      )
      expect(emulator.dispatches()).toHaveLength(count)
      answer = 'accept'
      const accepted = structured<RunActionOutput>(
        await session.call('run_action', {
          action: 'healthcheck',
          confirm: true
        })
      )
      expect(accepted.confirmed_by).toBe('person')
      expect(emulator.dispatches()).toHaveLength(count + 1)
    } finally {
      await session.close()
    }
  })
})

describe('watch_run', () => {
  test('follows a run to its end and returns each job and the new situation', async () => {
    const out = structured<RunActionOutput>(
      await github.call('run_action', { action: 'healthcheck', confirm: true })
    )
    const id = out.run?.id ?? 0
    emulator.addWorkflowJob(id, {
      name: 'Safety gate',
      status: 'completed',
      conclusion: 'success'
    })
    emulator.addWorkflowJob(id, {
      name: 'Monitor',
      status: 'completed',
      conclusion: 'success'
    })
    emulator.updateWorkflowRun(id, {
      status: 'completed',
      conclusion: 'success'
    })
    const watched = structured<WatchRunOutput>(
      await github.call('watch_run', { run_id: id, timeout_seconds: 10 })
    )
    expect(watched).toMatchObject({
      ended: true,
      status: 'completed',
      conclusion: 'success',
      jobs: [
        { name: 'Safety gate', status: 'completed', conclusion: 'success' },
        { name: 'Monitor', status: 'completed', conclusion: 'success' }
      ]
    })
    expect(watched.situation?.overall).toBe('healthy')
  })

  test('answers within its time bound while the run is still going', async () => {
    const out = structured<RunActionOutput>(
      await github.call('run_action', { action: 'healthcheck', confirm: true })
    )
    const started = Date.now()
    const watched = structured<WatchRunOutput>(
      await github.call('watch_run', {
        run_id: out.run?.id,
        timeout_seconds: 1
      })
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(watched).toMatchObject({ ended: false, status: 'queued' })
    expect(watched.situation).toBeNull()
  })
})

describe('bad input and faults give one clear tool error', () => {
  test.each([
    [
      'an unknown action',
      { action: 'deploi' },
      'argument `action`: "deploi" is not valid; allowed: deploy, rollback, emergency-stop, update-component, healthcheck, resume'
    ],
    [
      'an unknown component',
      { action: 'update-component', target_component: 'db' },
      'argument `target_component`: "db" is not a configured service; allowed: all, api, web'
    ],
    [
      'a malformed version',
      { action: 'rollback', rollback_version: 'v1' },
      'argument `rollback_version`: "v1" is not valid; allowed: a tag deployment-YYYYMMDD-HHMMSS'
    ],
    [
      'a version that is no tag',
      { action: 'rollback', rollback_version: 'deployment-20000101-000000' },
      'argument `rollback_version`: "deployment-20000101-000000" is not an existing tag'
    ]
  ])('%s', async (_name, args, message) => {
    const result = await github.call('plan', args)
    expect(result.isError).toBe(true)
    expect(errorText(result)).toContain(message)
    expect(errorText(result)).not.toContain('\n')
  })

  test('a missing token names the variables to set', async () => {
    const session = await startMcp({ cwd: repo.dir, env: githubEnv() })
    try {
      const result = await session.call('status')
      expect(result.isError).toBe(true)
      expect(errorText(result)).toMatch(
        /^no GitHub token: set GITHUB_TOKEN or GH_TOKEN in the MCP server's environment .*actions: write/
      )
    } finally {
      await session.close()
    }
  })

  test('a token without actions: write is told so, and nothing is dispatched', async () => {
    const session = await startMcp({ cwd: repo.dir, env: githubEnv(READER) })
    try {
      const count = emulator.dispatches().length
      const result = await session.call('run_action', {
        action: 'healthcheck',
        confirm: true
      })
      expect(result.isError).toBe(true)
      expect(errorText(result)).toContain(
        'the token cannot start ai-agent-handoff-runbook.yml in octo-org/app (HTTP 403'
      )
      expect(errorText(result)).toContain('it needs actions: write')
      expect(emulator.dispatches()).toHaveLength(count)
    } finally {
      await session.close()
    }
  })

  test('GitHub unreachable is named with the URL tried', async () => {
    const url = new URL(await closedPortUrl()).origin
    const session = await startMcp({
      cwd: repo.dir,
      env: githubEnv(AGENT, url)
    })
    try {
      const result = await session.call('status')
      expect(result.isError).toBe(true)
      expect(errorText(result)).toContain(`GitHub is unreachable at ${url}`)
    } finally {
      await session.close()
    }
  })

  test('a rate-limited token is told to try later, and the server keeps serving', async () => {
    emulator.fail({
      status: 403,
      primaryRateLimit: true,
      retryAfter: 3600,
      times: Infinity
    })
    try {
      const result = await github.call('status')
      expect(result.isError).toBe(true)
      expect(errorText(result)).toContain('GitHub rate-limited the token')
    } finally {
      emulator.clearFaults()
    }
    const again = await github.call('status')
    expect(again.isError).toBeFalsy()
  })
})

test('the resources are the dashboard, the validated state and the runbook', async () => {
  const { resources } = await github.client.listResources()
  expect(resources.map((r) => r.uri).sort()).toEqual([
    'runbook://dashboard',
    'runbook://docs/AI_AGENT_RUNBOOK.md',
    'runbook://state'
  ])
  const read = async (uri: string): Promise<string> => {
    const { contents } = await github.client.readResource({ uri })
    const first = contents[0]
    return first && 'text' in first ? first.text : ''
  }
  expect(await read('runbook://dashboard')).toMatch(
    new RegExp(`^${DASHBOARD_MARKER}`)
  )
  const state = JSON.parse(await read('runbook://state')) as DashboardState
  expect(state.deployments[0]?.tag).toBe(deployed)
  expect(await read('runbook://docs/AI_AGENT_RUNBOOK.md')).toContain(
    '## Connecting an MCP client'
  )
})

describe('local mode', () => {
  test('status agrees with `runbook status --json` on the same state', async () => {
    const session = await startMcp({
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '', HOME: repo.dir },
      args: ['--local']
    })
    try {
      const status = structured<StatusOutput>(await session.call('status'))
      const printed = JSON.parse(
        await runbook('status', '--json')
      ) as DashboardState
      expect(status.mode).toBe('local')
      expect([status.overall, status.halt, status.next, status.live]).toEqual([
        printed.overall,
        printed.halt,
        printed.next,
        printed.live
      ])
    } finally {
      await session.close()
    }
  })

  test('run_action runs the engine here instead of dispatching', async () => {
    const session = await startMcp({
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '', HOME: repo.dir },
      args: ['--local']
    })
    try {
      const count = emulator.requests.count()
      const out = structured<RunActionOutput>(
        await session.call('run_action', {
          action: 'healthcheck',
          confirm: true
        })
      )
      expect(out).toMatchObject({
        mode: 'local',
        command: 'runbook healthcheck',
        run: null,
        failure: null
      })
      expect(out.outputs['monitoring-status']).toBe('healthy')
      expect(emulator.requests.count()).toBe(count)
      const watched = await session.call('watch_run', { run_id: 1 })
      expect(errorText(watched)).toContain('this server runs in local mode')
    } finally {
      await session.close()
    }
  })
})
