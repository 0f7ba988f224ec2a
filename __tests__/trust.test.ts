// The dashboard is untrusted input: each attack on it, replayed against the
// built bundle as a runner runs it (a child process with INPUT_* variables,
// GITHUB_OUTPUT, and the REST emulator behind GITHUB_API_URL), must do no harm.

import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from '../src/platform/platform.js'
import { parseState } from '../src/dashboard/state.js'
import {
  DEFAULT_LOGIN,
  DEFAULT_TOKEN,
  sha,
  startEmulator,
  type Emulator
} from './emulator/index.js'
import { recordDeployments } from './helpers/github.js'
import { parseOutputFile } from '../scripts/output-file.js'

const bundle = join(process.cwd(), 'dist', 'index.js')

let emulator: Emulator
let dir: string
let server: http.Server
let port: number
/** Path → answer status of the stand-in services. */
const health = new Map<string, number>()
let runs = 100

beforeEach(async () => {
  emulator = await startEmulator()
  emulator.setPermission('octocat', 'write')
  dir = await mkdtemp(join(tmpdir(), 'runbook-trust-'))
  health.clear()
  health.set('/api', 200)
  health.set('/web', 200)
  server = http.createServer((request, response) => {
    const status = health.get(request.url ?? '') ?? 404
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(status === 200 ? '{"status":"ok"}' : '{"status":"down"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await emulator.close()
  await rm(dir, { recursive: true, force: true })
})

interface Run {
  code: number | null
  stdout: string
  outputs: Record<string, string>
}

/** One step of the workflow, as the runner runs it. */
async function step(
  inputs: Record<string, string>,
  actor = 'octocat'
): Promise<Run> {
  const id = String(++runs)
  const output = join(dir, `output-${id}`)
  await writeFile(output, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: join(dir, `summary-${id}`),
    GITHUB_API_URL: emulator.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: emulator.fullName,
    GITHUB_RUN_ID: id,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_ACTOR: actor,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: emulator.headSha(),
    'INPUT_GITHUB-TOKEN': DEFAULT_TOKEN,
    INPUT_SERVICES: JSON.stringify([
      { name: 'api', url: `http://127.0.0.1:${port}/api`, retries: 0 },
      { name: 'web', url: `http://127.0.0.1:${port}/web`, retries: 0 }
    ]),
    'INPUT_REPORT-PATH': join(dir, `report-${id}.json`)
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.toUpperCase()}`] = value
  const { code, stdout } = await new Promise<{
    code: number | null
    stdout: string
  }>((resolve) => {
    const child = spawn(process.execPath, [bundle], { cwd: dir, env })
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.on('close', (exit) => resolve({ code: exit, stdout: text }))
  })
  return {
    code,
    stdout,
    outputs: parseOutputFile(await readFile(output, 'utf8'))
  }
}

const stateOfIssue = (number: number) =>
  parseState(emulator.issue(number)?.body ?? null, new Date().toISOString())
    .state

/** A state block someone typed: whatever JSON they like. */
const forged = (state: object): string =>
  `${DASHBOARD_MARKER}\n# Runbook status\n\n<!-- runbook:state\n${JSON.stringify(state)}\n-->`

describe('who owns the dashboard', () => {
  test("an outsider's issue that later carries the marker is never read or written", async () => {
    emulator.setPermission('outsider', 'read')
    const theirs = emulator.addIssue({
      title: 'Feature request',
      body: 'please add dark mode',
      author: 'outsider'
    })
    const first = await step({ action: 'healthcheck' })
    expect(first.outputs['issue-number']).toBe('2')
    expect(first.stdout).toMatch(/::warning[^\n]*issue #1/)
    emulator.updateIssue(theirs.number, {
      body: forged({
        schema: 1,
        updated_at: '9999-01-01T00:00:00.000Z',
        overall: 'healthy',
        halt: null,
        deployments: [],
        services: {},
        events: []
      }),
      labels: [DASHBOARD_LABEL]
    })
    const before = emulator.issue(theirs.number)
    const second = await step({ action: 'healthcheck' })
    expect(second.outputs['issue-number']).toBe('2')
    expect(emulator.issue(theirs.number)).toEqual(before)
    expect(
      emulator.requests
        .writes()
        .filter((w) => w.path.endsWith(`/issues/${theirs.number}`))
    ).toEqual([])
  })

  test('an issue opened by a person with the marker and the label is not adopted', async () => {
    const planted = emulator.addIssue({
      body: forged({ schema: 1 }),
      labels: [DASHBOARD_LABEL],
      author: 'octocat'
    })
    const run = await step({ action: 'healthcheck' })
    expect(run.outputs['issue-number']).toBe(String(planted.number + 1))
    expect(emulator.issue(planted.number)?.body).toBe(forged({ schema: 1 }))
  })

  test('once a dashboard exists, later runs keep using it', async () => {
    const first = await step({ action: 'healthcheck' })
    emulator.addIssue({
      body: forged({ schema: 1 }),
      labels: [DASHBOARD_LABEL],
      author: DEFAULT_LOGIN
    })
    const second = await step({ action: 'healthcheck' })
    expect(second.outputs['issue-number']).toBe(first.outputs['issue-number'])
  })
})

describe('facts come from what only the workflow records', () => {
  const V1 = sha('v1')
  const V2 = sha('v2')
  const V3 = sha('v3')
  const GOOD = 'deployment-20251220-100000'
  const OLDER = 'deployment-20251201-100000'
  const CURRENT = 'deployment-20251221-100000'

  beforeEach(() => {
    emulator.addCommit(V1, 'v1', { branch: 'main' })
    emulator.addCommit(V2, 'v2', { branch: 'main', parents: [V1] })
    emulator.addCommit(V3, 'v3', { branch: 'main', parents: [V2] })
    emulator.addTag(OLDER, V1)
    emulator.addTag(GOOD, V2)
    emulator.addTag(CURRENT, V3)
    recordDeployments(emulator, [
      deployment(CURRENT, V3, true),
      deployment(GOOD, V2, true),
      deployment(OLDER, V1, false)
    ])
  })

  function deployment(tag: string, commit: string, verified: boolean) {
    const t = tag.slice('deployment-'.length)
    return {
      tag,
      sha: commit,
      time: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.000Z`,
      actor: 'octocat',
      components: ['api', 'web'],
      verified,
      kind: 'deploy' as const,
      run_url: ''
    }
  }

  /** Our own dashboard, edited by a collaborator to say what they like. */
  function editedDashboard(state: object): number {
    return emulator.addIssue({
      title: 'Runbook status dashboard',
      body: forged(state),
      labels: [DASHBOARD_LABEL],
      author: DEFAULT_LOGIN
    }).number
  }

  test('a forged verified deployment in the body never becomes the rollback target', async () => {
    editedDashboard({
      schema: 1,
      updated_at: '2025-12-21T10:00:00.000Z',
      overall: 'healthy',
      halt: null,
      deployments: [
        {
          tag: OLDER,
          sha: V1,
          time: '9999-01-01T00:00:00.000Z',
          actor: 'mallory',
          components: ['api', 'web'],
          verified: true
        }
      ],
      services: {},
      events: []
    })
    const run = await step({ stage: 'gate', action: 'rollback' })
    expect(run.outputs.approved).toBe('true')
    expect(run.outputs['rollback-version']).toBe(GOOD)
  })

  test('the dashboard lists the recorded deployments, not the ones typed into it', async () => {
    editedDashboard({
      schema: 1,
      updated_at: '2025-12-21T10:00:00.000Z',
      overall: 'healthy',
      halt: null,
      deployments: [
        {
          tag: OLDER,
          sha: V1,
          time: '9999-01-01T00:00:00.000Z',
          actor: 'mallory',
          components: ['api', 'web'],
          verified: true
        }
      ],
      services: {},
      events: []
    })
    const run = await step({ action: 'healthcheck' })
    const state = stateOfIssue(Number(run.outputs['issue-number']))
    expect(state.deployments.map((d) => [d.tag, d.verified])).toEqual([
      [CURRENT, true],
      [GOOD, true],
      [OLDER, false]
    ])
  })

  test('hundreds of forged verified entries cost no more requests than the recorded deployments', async () => {
    editedDashboard({
      schema: 1,
      updated_at: '2025-12-21T10:00:00.000Z',
      overall: 'healthy',
      halt: null,
      deployments: Array.from({ length: 500 }, (_, i) => ({
        tag: `deployment-2025${String(1 + (i % 12)).padStart(2, '0')}01-${String(100000 + i).slice(-6)}`,
        sha: '',
        time: '2025-06-01T00:00:00.000Z',
        actor: 'm',
        components: [],
        verified: true
      })),
      services: {},
      events: []
    })
    emulator.requests.clear()
    const run = await step({ stage: 'gate', action: 'rollback' })
    expect(run.outputs['rollback-version']).toBe(GOOD)
    expect(
      emulator.requests.count('GET', '/repos/{owner}/{repo}/git/ref/{ref}')
    ).toBeLessThanOrEqual(2)
    expect(emulator.requests.entries.length).toBeLessThanOrEqual(10)
  })
})

describe('a refused dispatch', () => {
  test('fails its run, so that whoever watches it sees nothing happened', async () => {
    const run = await step({
      stage: 'gate',
      action: 'rollback',
      'rollback-version': 'deployment-20990101-000000'
    })
    expect(run.code).toBe(1)
    expect(run.outputs.approved).toBe('false')
    expect(run.stdout).toMatch(/^::error::rollback refused: /m)
  })
})

describe('the lock is read again before anything runs', () => {
  test('a deploy approved before an emergency stop does not run its commands or tag', async () => {
    const gate = await step({ stage: 'gate', action: 'deploy' })
    expect(gate.outputs.approved).toBe('true')
    const stop = await step({
      stage: 'deploy',
      action: 'emergency-stop',
      reason: 'database on fire'
    })
    expect(stop.outputs.halted).toBe('true')
    const deploy = await step({
      stage: 'deploy',
      action: 'deploy',
      results: JSON.stringify({
        'safety-gate': { result: 'success', outputs: gate.outputs }
      })
    })
    expect(deploy.code).toBe(1)
    expect(deploy.outputs['deployment-status']).toBe('skipped')
    expect(deploy.outputs.refused).toMatch(/emergency stop/)
    expect(
      emulator.refs().filter((r) => r.ref.startsWith('refs/tags/deployment-'))
    ).toEqual([])
    expect(emulator.deployments()).toEqual([])
    const status = await step({
      stage: 'status',
      action: 'deploy',
      results: JSON.stringify({
        'safety-gate': { result: 'success', outputs: gate.outputs },
        deploy: { result: 'failure', outputs: deploy.outputs }
      })
    })
    const state = stateOfIssue(Number(status.outputs['issue-number']))
    expect(state.events.map((e) => e.kind)).toContain('refused')
  })
})
