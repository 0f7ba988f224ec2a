import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { access, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DeploymentRecord } from '../src/dashboard/state.js'
import { runStage } from '../src/run-stages.js'
import { LocalPlatform } from '../src/platform/local.js'
import { JOB_IDS } from '../src/needs.js'
import { startEmulator, sha, type Emulator } from './emulator/index.js'
import {
  depsOf,
  enterEmptyDir,
  githubPlatform,
  gitRepo,
  opsContext,
  seedDashboard,
  startOps,
  stateOf,
  tempDir,
  tickingClock,
  type ContextOptions,
  type GitRepo,
  type Ops
} from './helpers/ops.js'

const V1 = sha('app v1')
const V2 = sha('app v2')
const OLD_TAG = 'deployment-20251220-100000'
const MID_TAG = 'deployment-20251221-100000'
const START = new Date('2025-12-22T13:00:00.000Z')

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false
  )

function verified(tag: string, commit: string, time: string): DeploymentRecord {
  return {
    tag,
    sha: commit,
    time,
    actor: 'octocat',
    components: ['api', 'web'],
    verified: true,
    kind: 'deploy',
    run_url: ''
  }
}

let leave: () => Promise<void>
let emulator: Emulator
let ops: Ops

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
  emulator.addTag(OLD_TAG, V1)
  emulator.setPermission('octocat', 'write')
  ops = await startOps(['api', 'web'])
  await ops.setService('api', 'ok', V1)
  await ops.setService('web', 'ok', V1)
})
afterEach(async () => {
  await emulator.close()
  await ops.close()
})

function context(
  options: Partial<Omit<ContextOptions, 'config'>> & {
    config?: Record<string, unknown>
  } = {}
) {
  return opsContext({
    reportPath: join(ops.dir, 'report.json'),
    now: tickingClock(START),
    ...options,
    config: {
      services: ops.serviceConfig(),
      monitor: { 'grace-period-ms': 0 },
      deployment: { environment: 'staging' },
      ...options.config
    },
    inputs: { action: 'deploy', ...options.inputs },
    run: { sha: V2, ...options.run }
  })
}

/** The deployments this run created: seeded ones have no description. */
const madeByRun = () =>
  emulator.deployments().filter((d) => d.description !== null)

/** The dashboard after the run, read back from the emulator. */
function dashboard(outputs: Record<string, string>) {
  const body = emulator.issue(Number(outputs['issue-number']))?.body ?? ''
  return { body, state: stateOf(body) }
}

describe('automatic rollback on GitHub', () => {
  beforeEach(() => {
    seedDashboard(
      emulator,
      {
        deployments: [verified(OLD_TAG, V1, '2025-12-20T10:00:00.000Z')]
      },
      'staging'
    )
  })

  test('a deploy that leaves a service down is rolled back to the last verified deployment and verified', async () => {
    await ops.setMode('broken', V2)
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs).toEqual(
      expect.objectContaining({
        'deployment-status': 'success',
        'monitoring-status': 'critical',
        'rollback-status': 'executed',
        'rollback-version': OLD_TAG
      })
    )
    expect(result.failure).toContain(`rolled back to ${OLD_TAG} (verified)`)
    expect(result.monitor?.status).toBe('healthy')
    expect(await ops.serviceState('api')).toBe(`ok ${V1}`)
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
    const rollbacks = (await ops.evidence()).filter(
      (e) => e.runbook.RUNBOOK_ACTION === 'rollback'
    )
    expect(rollbacks.map((e) => e.runbook)).toEqual(
      ['api', 'web'].map((service) => ({
        RUNBOOK_ACTION: 'rollback',
        RUNBOOK_SERVICE: service,
        RUNBOOK_REF: V1,
        RUNBOOK_VERSION: OLD_TAG,
        RUNBOOK_REASON: ''
      }))
    )
  })

  test('the automatic rollback is recorded as a verified GitHub Deployment of the old commit', async () => {
    await ops.setMode('broken', V2)
    const { ctx } = context()
    await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    const [rolledBack, deployed] = madeByRun()
    expect(deployed?.sha).toBe(V2)
    expect(deployed?.statuses.map((s) => s.state)).toEqual([
      'failure',
      'in_progress'
    ])
    expect(rolledBack?.sha).toBe(V1)
    expect(rolledBack?.environment).toBe('staging')
    expect(rolledBack?.payload).toEqual(
      expect.objectContaining({ action: 'rollback', tag: OLD_TAG })
    )
    expect(rolledBack?.statuses.map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])
  })

  test('the dashboard records the failed deployment, the verified rollback and a healthy system', async () => {
    await ops.setMode('broken', V2)
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    const { state } = dashboard(result.outputs)
    const newTag = result.outputs['deployment-tag']
    expect(state.deployments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tag: newTag, sha: V2, verified: false }),
        expect.objectContaining({
          tag: OLD_TAG,
          sha: V1,
          kind: 'rollback',
          verified: true
        })
      ])
    )
    expect(state.events.map((e) => e.kind)).toContain('rollback')
    expect(state.overall).toBe('healthy')
    expect(state.services.api?.status).toBe('healthy')
  })

  test('a rollback whose verification fails is reported failed, runs once, and the dashboard says the cause is outside the deployment', async () => {
    // Every version is broken: going back does not help.
    await ops.setMode('broken')
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['rollback-status']).toBe('failed')
    expect(result.outputs['rollback-version']).toBe(OLD_TAG)
    expect(result.failure).toContain('the cause is outside the deployment')
    const evidence = await ops.evidence()
    expect(evidence.map((e) => e.runbook.RUNBOOK_ACTION)).toEqual([
      'deploy',
      'deploy',
      'rollback',
      'rollback'
    ])
    expect(madeByRun()).toHaveLength(2)
    expect(madeByRun()[0]?.statuses[0]?.state).toBe('failure')
    const { body, state } = dashboard(result.outputs)
    expect(state.overall).toBe('critical')
    expect(state.events[0]?.kind).toBe('rollback-failed')
    expect(body).toContain(
      '**Now (critical-rollback-failed-verification):** `gh workflow run ai-agent-handoff-runbook.yml -f action=healthcheck`'
    )
  })

  test('as separate workflow jobs, the rollback job rolls back what the deploy job broke and the status job records it', async () => {
    await ops.setMode('broken', V2)
    const platform = githubPlatform(emulator)
    const clock = tickingClock(START)
    const needs: Record<string, { result: string; outputs: object }> = {}
    const job = async (
      stage: 'gate' | 'deploy' | 'monitor' | 'rollback' | 'status',
      id: string
    ) => {
      const { ctx } = context({
        now: clock,
        inputs: { stage, results: JSON.stringify(needs) }
      })
      const result = await runStage(stage, ctx, depsOf(platform))
      needs[id] = { result: 'success', outputs: result.outputs }
      return result
    }
    await job('gate', JOB_IDS.gate)
    await job('deploy', JOB_IDS.deploy)
    const monitored = await job('monitor', JOB_IDS.monitor)
    expect(monitored.outputs['monitoring-status']).toBe('critical')
    const rolled = await job('rollback', JOB_IDS.rollback)
    expect(rolled.outputs['rollback-status']).toBe('executed')
    expect(rolled.outputs['rollback-version']).toBe(OLD_TAG)
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
    const status = await job('status', JOB_IDS.status)
    const { state } = dashboard(status.outputs)
    expect(state.overall).toBe('healthy')
    expect(state.events.map((e) => e.kind)).toContain('rollback')
  })

  test('a deploy that leaves the system healthy is not rolled back', async () => {
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.failure).toBeNull()
    expect(result.outputs['rollback-status']).toBe('skipped')
    expect(
      (await ops.evidence()).filter(
        (e) => e.runbook.RUNBOOK_ACTION === 'rollback'
      )
    ).toEqual([])
  })

  test('after an update-component, only that component is rolled back', async () => {
    await ops.setMode('broken', V2)
    const { ctx } = context({
      inputs: { action: 'update-component', 'target-component': 'web' },
      config: { services: ops.serviceConfig({ expect: {} }) }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['rollback-status']).toBe('executed')
    expect(
      (await ops.evidence()).map((e) => [
        e.runbook.RUNBOOK_ACTION,
        e.runbook.RUNBOOK_SERVICE
      ])
    ).toEqual([
      ['update-component', 'web'],
      ['rollback', 'web']
    ])
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
  })

  test('a healthy update-component is verified against its own service’s version, not the others’', async () => {
    // api still runs v1 and says so; only web was updated to v2.
    const { ctx } = context({
      inputs: { action: 'update-component', 'target-component': 'web' }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['monitoring-status']).toBe('healthy')
    expect(result.outputs['rollback-status']).toBe('skipped')
    expect(await ops.serviceState('web')).toBe(`ok ${V2}`)
  })
})

describe('requested rollback on GitHub', () => {
  beforeEach(async () => {
    emulator.addTag(MID_TAG, V2)
    seedDashboard(
      emulator,
      {
        deployments: [
          verified(MID_TAG, V2, '2025-12-21T10:00:00.000Z'),
          verified(OLD_TAG, V1, '2025-12-20T10:00:00.000Z')
        ]
      },
      'staging'
    )
    await ops.setService('api', 'ok', V2)
    await ops.setService('web', 'ok', V2)
  })

  test('a rollback to a named tag re-deploys that tag’s commit and verifies it', async () => {
    const { ctx } = context({
      inputs: {
        action: 'rollback',
        'rollback-version': OLD_TAG,
        reason: 'v2 corrupts uploads'
      },
      run: { sha: V2 }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.failure).toBeNull()
    expect(result.outputs).toEqual(
      expect.objectContaining({
        approved: 'true',
        'rollback-status': 'executed',
        'rollback-version': OLD_TAG
      })
    )
    expect(await ops.serviceState('api')).toBe(`ok ${V1}`)
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
    const evidence = await ops.evidence()
    expect(evidence.map((e) => e.runbook)).toEqual(
      ['api', 'web'].map((service) => ({
        RUNBOOK_ACTION: 'rollback',
        RUNBOOK_SERVICE: service,
        RUNBOOK_REF: V1,
        RUNBOOK_VERSION: OLD_TAG,
        RUNBOOK_REASON: 'v2 corrupts uploads'
      }))
    )
    const [deployment] = madeByRun()
    expect(deployment?.sha).toBe(V1)
    expect(deployment?.statuses.map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])
    const { state } = dashboard(result.outputs)
    expect(state.deployments[0]).toEqual(
      expect.objectContaining({
        tag: OLD_TAG,
        kind: 'rollback',
        verified: true
      })
    )
    expect(state.events.find((e) => e.kind === 'rollback')?.text).toContain(
      OLD_TAG
    )
  })

  test('a rollback without a version goes back to the newest verified deployment before the current one', async () => {
    const { ctx } = context({ inputs: { action: 'rollback' } })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['rollback-version']).toBe(OLD_TAG)
    expect(result.outputs['rollback-status']).toBe('executed')
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
  })

  test('a rollback to a tag that does not exist is refused by the gate before anything runs', async () => {
    const { ctx } = context({
      inputs: {
        action: 'rollback',
        'rollback-version': 'deployment-20200101-000000'
      }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs.approved).toBe('false')
    expect(result.failure).toContain(
      'rollback-version deployment-20200101-000000 is not an existing tag'
    )
    expect(result.outputs['rollback-status']).toBeUndefined()
    expect(await ops.evidence()).toEqual([])
    expect(madeByRun()).toEqual([])
    const writes = emulator.requests.writes()
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.map((w) => `${w.method} ${w.route}`)).toEqual(
      writes.map(() => 'PATCH /repos/{owner}/{repo}/issues/{issue_number}')
    )
    expect(
      dashboard({ 'issue-number': '1' }).state.events.map((e) => e.kind)
    ).toContain('refused')
  })

  test('a dry-run rollback runs nothing and writes nothing', async () => {
    const { ctx, reporter } = context({
      inputs: {
        action: 'rollback',
        'rollback-version': OLD_TAG,
        'dry-run': 'true'
      }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['rollback-status']).toBe('skipped')
    expect(emulator.requests.writes()).toEqual([])
    expect(await ops.evidence()).toEqual([])
    expect(reporter.logLines().join('\n')).toContain(
      `would roll back to ${OLD_TAG}`
    )
  })
})

describe('never on a scheduled health check', () => {
  beforeEach(async () => {
    seedDashboard(
      emulator,
      {
        deployments: [verified(OLD_TAG, V1, '2025-12-20T10:00:00.000Z')]
      },
      'staging'
    )
    await ops.setService('api', 'broken', V2)
  })

  test('a scheduled health check that finds the system critical does not roll back', async () => {
    const { ctx, reporter } = context({
      inputs: { action: '' },
      run: { eventName: 'schedule' }
    })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs.action).toBe('healthcheck')
    expect(result.outputs['monitoring-status']).toBe('critical')
    expect(result.outputs['rollback-status'] ?? 'skipped').toBe('skipped')
    expect(result.failure).toContain('api down')
    expect(await ops.evidence()).toEqual([])
    expect(madeByRun()).toEqual([])
    expect(reporter.logLines().join('\n')).not.toContain('rollback to')
  })

  test('the rollback stage given a health check’s critical results skips and says why', async () => {
    const results = JSON.stringify({
      [JOB_IDS.gate]: {
        result: 'success',
        outputs: { approved: 'true', action: 'healthcheck', reason: '' }
      },
      [JOB_IDS.monitor]: {
        result: 'success',
        outputs: { 'monitoring-status': 'critical' }
      }
    })
    const { ctx, reporter } = context({
      inputs: { action: '', stage: 'rollback', results },
      run: { eventName: 'schedule' }
    })
    const result = await runStage(
      'rollback',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['rollback-status']).toBe('skipped')
    expect(result.failure).toBeNull()
    expect(reporter.logLines().join('\n')).toContain(
      'a health check never rolls back'
    )
    expect(await ops.evidence()).toEqual([])
    expect(emulator.requests.writes()).toEqual([])
  })
})

describe('rollback on the local platform', () => {
  let repo: GitRepo
  let stateDir: string

  beforeEach(async () => {
    repo = await gitRepo()
    stateDir = join(await tempDir('state'), '.runbook')
  })
  afterEach(async () => {
    await rm(repo.dir, { recursive: true, force: true })
    await rm(join(stateDir, '..'), { recursive: true, force: true })
  })

  const local = () => new LocalPlatform(stateDir, repo.dir)

  test('a verified deploy, then a broken one, is rolled back to the first', async () => {
    const first = await repo.commit('v1')
    const clock = tickingClock(START)
    const good = await runStage(
      'all',
      context({ now: clock, run: { sha: '' } }).ctx,
      depsOf(local())
    )
    expect(good.failure).toBeNull()
    const firstTag = good.outputs['deployment-tag']

    const second = await repo.commit('v2')
    await ops.setMode('broken', second)
    const result = await runStage(
      'all',
      context({ now: clock, run: { sha: '' } }).ctx,
      depsOf(local())
    )
    expect(result.outputs['deployment-tag']).not.toBe(firstTag)
    expect(result.outputs['rollback-status']).toBe('executed')
    expect(result.outputs['rollback-version']).toBe(firstTag)
    expect(await ops.serviceState('api')).toBe(`ok ${first}`)
    const log = (await readFile(join(stateDir, 'deployments.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; state: string })
    expect(log.filter((e) => e.id === 3).map((e) => e.state)).toEqual([
      'pending',
      'in_progress',
      'success'
    ])
    const state = stateOf(
      await readFile(join(stateDir, 'dashboard.md'), 'utf8')
    )
    expect(state.overall).toBe('healthy')
    expect(state.deployments[0]).toEqual(
      expect.objectContaining({ tag: firstTag, kind: 'rollback' })
    )
  })

  test('a rollback verified within the same second as the failed check leaves the dashboard healthy', async () => {
    await repo.commit('v1')
    const good = await runStage(
      'all',
      context({ now: () => START, run: { sha: '' } }).ctx,
      depsOf(local())
    )
    expect(good.failure).toBeNull()
    const second = await repo.commit('v2')
    await ops.setMode('broken', second)
    // The local tool paces nothing: check and verification can share a second.
    const later = new Date(START.getTime() + 60_000)
    const result = await runStage(
      'all',
      context({ now: () => later, run: { sha: '' } }).ctx,
      depsOf(local())
    )
    expect(result.outputs['rollback-status']).toBe('executed')
    const state = stateOf(
      await readFile(join(stateDir, 'dashboard.md'), 'utf8')
    )
    expect(state.services.api?.status).toBe('healthy')
    expect(state.overall).toBe('healthy')
  })

  test('a deploy with no earlier verified deployment cannot be rolled back and says so', async () => {
    const only = await repo.commit('v1')
    await ops.setMode('broken', only)
    const { ctx } = context({ run: { sha: '' } })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.outputs['rollback-status']).toBe('failed')
    expect(result.failure).toContain(
      'no earlier verified-healthy deployment to roll back to'
    )
    expect(
      (await ops.evidence()).filter(
        (e) => e.runbook.RUNBOOK_ACTION === 'rollback'
      )
    ).toEqual([])
  })

  test('shell syntax in the reason of a rollback never runs', async () => {
    await repo.commit('v1')
    await repo.git('tag', OLD_TAG, 'HEAD')
    await repo.commit('v2')
    const pwned = join(ops.dir, 'pwned')
    const reason = `$(touch ${pwned}) \`touch ${pwned}\`; touch ${pwned}`
    const { ctx } = context({
      run: { sha: '' },
      inputs: { action: 'rollback', 'rollback-version': OLD_TAG, reason }
    })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.outputs['rollback-status']).toBe('executed')
    expect(await exists(pwned)).toBe(false)
    for (const e of await ops.evidence())
      expect(e.runbook.RUNBOOK_REASON).toBe(reason)
  })
})

describe('rollback targets', () => {
  test('a verified deployment whose tag was deleted is not offered as a rollback target', async () => {
    seedDashboard(
      emulator,
      {
        deployments: [
          verified('deployment-20251219-100000', V1, '2025-12-19T10:00:00.000Z')
        ]
      },
      'staging'
    )
    const { ctx } = context({ inputs: { action: 'rollback' } })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs.approved).toBe('false')
    expect(result.failure).toContain('no earlier verified-healthy deployment')
    expect(await ops.evidence()).toEqual([])
  })
})
