// The dashboard is untrusted input: each attack on it, replayed against the
// built bundle as a runner runs it (a child process with INPUT_* variables,
// GITHUB_OUTPUT, and the REST emulator behind GITHUB_API_URL), must do no harm.

import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from '../src/platform/platform.js'
import { parseState } from '../src/dashboard/state.js'
import { DEFAULT_LOGIN, sha } from './emulator/index.js'
import { recordDeployments } from './helpers/github.js'
import { startHarness, type Harness } from './helpers/bundle.js'

let h: Harness

beforeEach(async () => {
  h = await startHarness()
  h.emulator.setPermission('octocat', 'write')
  h.health.set('/api', 200)
  h.health.set('/web', 200)
})

afterEach(() => h.close())

/** One step of the workflow, as the runner runs it. */
const step = (inputs: Record<string, string>) => h.step(inputs)

const stateOfIssue = (number: number) =>
  parseState(h.emulator.issue(number)?.body ?? null, new Date().toISOString())
    .state

/** A state block someone typed: whatever JSON they like. */
const forged = (state: object): string =>
  `${DASHBOARD_MARKER}\n# Runbook status\n\n<!-- runbook:state\n${JSON.stringify(state)}\n-->`

describe('who owns the dashboard', () => {
  test("an outsider's issue that later carries the marker is never read or written", async () => {
    h.emulator.setPermission('outsider', 'read')
    const theirs = h.emulator.addIssue({
      title: 'Feature request',
      body: 'please add dark mode',
      author: 'outsider'
    })
    const first = await step({ action: 'healthcheck' })
    expect(first.outputs['issue-number']).toBe('2')
    expect(first.stdout).toMatch(/::warning[^\n]*issue #1/)
    h.emulator.updateIssue(theirs.number, {
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
    const before = h.emulator.issue(theirs.number)
    const second = await step({ action: 'healthcheck' })
    expect(second.outputs['issue-number']).toBe('2')
    expect(h.emulator.issue(theirs.number)).toEqual(before)
    expect(
      h.emulator.requests
        .writes()
        .filter((w) => w.path.endsWith(`/issues/${theirs.number}`))
    ).toEqual([])
  })

  test('an issue opened by a person with the marker and the label is not adopted', async () => {
    const planted = h.emulator.addIssue({
      body: forged({ schema: 1 }),
      labels: [DASHBOARD_LABEL],
      author: 'octocat'
    })
    const run = await step({ action: 'healthcheck' })
    expect(run.outputs['issue-number']).toBe(String(planted.number + 1))
    expect(h.emulator.issue(planted.number)?.body).toBe(forged({ schema: 1 }))
  })

  test('once a dashboard exists, later runs keep using it', async () => {
    const first = await step({ action: 'healthcheck' })
    h.emulator.addIssue({
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
    h.emulator.addCommit(V1, 'v1', { branch: 'main' })
    h.emulator.addCommit(V2, 'v2', { branch: 'main', parents: [V1] })
    h.emulator.addCommit(V3, 'v3', { branch: 'main', parents: [V2] })
    h.emulator.addTag(OLDER, V1)
    h.emulator.addTag(GOOD, V2)
    h.emulator.addTag(CURRENT, V3)
    recordDeployments(h.emulator, [
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
    return h.emulator.addIssue({
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
    h.emulator.requests.clear()
    const run = await step({ stage: 'gate', action: 'rollback' })
    expect(run.outputs['rollback-version']).toBe(GOOD)
    expect(
      h.emulator.requests.count('GET', '/repos/{owner}/{repo}/git/ref/{ref}')
    ).toBeLessThanOrEqual(2)
    expect(h.emulator.requests.entries.length).toBeLessThanOrEqual(10)
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
      h.emulator.refs().filter((r) => r.ref.startsWith('refs/tags/deployment-'))
    ).toEqual([])
    expect(h.emulator.deployments()).toEqual([])
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
