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
import { runStage, type RunResult } from '../src/run-stages.js'
import { LocalPlatform } from '../src/platform/local.js'
import {
  DEFAULT_TOKEN,
  FULL_ACCESS,
  startEmulator,
  sha,
  type Emulator
} from './emulator/index.js'
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
  type ContextOptions,
  type GitRepo,
  type Ops
} from './helpers/ops.js'
import type { RecordingReporter } from './helpers/log.js'

const V1 = sha('app v1')
const NOW = new Date('2025-12-22T13:00:00.000Z')
const WORKFLOW = 7

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false
  )

let leave: () => Promise<void>
let ops: Ops

beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})
beforeEach(async () => {
  ops = await startOps(['api', 'web'])
  await ops.setService('api', 'ok', V1)
  await ops.setService('web', 'ok', V1)
})
afterEach(async () => {
  await ops.close()
})

function context(
  options: Partial<Omit<ContextOptions, 'config'>> & {
    config?: Record<string, unknown>
  } = {}
) {
  return opsContext({
    reportPath: join(ops.dir, 'report.json'),
    now: () => NOW,
    ...options,
    config: {
      services: ops.serviceConfig(),
      monitor: { 'grace-period-ms': 0 },
      deployment: { environment: 'staging' },
      ...options.config
    },
    inputs: { action: 'emergency-stop', ...options.inputs },
    run: { sha: V1, ...options.run }
  })
}

function warnings(reporter: RecordingReporter): string {
  return reporter
    .of('warning')
    .map((w) => w.message)
    .join('\n')
}

describe('emergency stop on GitHub', () => {
  let emulator: Emulator

  beforeEach(async () => {
    emulator = await startEmulator()
    emulator.addCommit(V1, 'v1', { branch: 'main' })
    emulator.setPermission('octocat', 'write')
    emulator.setPermission('alice', 'maintain')
    emulator.setPermission('bob', 'write')
    emulator.addWorkflowRun({
      id: 100,
      workflow_id: WORKFLOW,
      status: 'in_progress'
    })
  })
  afterEach(async () => {
    await emulator.close()
  })

  const run = (ctx: ReturnType<typeof context>['ctx']) =>
    runStage('all', ctx, depsOf(githubPlatform(emulator)))

  function haltMessage(): unknown {
    const ref = emulator.ref('tags/runbook-halt')
    if (!ref) return null
    expect(ref.object.type).toBe('tag')
    const tag = emulator.tagObject(ref.object.sha)
    expect(tag?.object.sha).toBe(V1)
    return JSON.parse(tag?.message ?? '')
  }

  test('an emergency stop takes the runbook-halt tag, annotated with who, when and why', async () => {
    const { ctx } = context({
      inputs: { reason: 'payments double-charging' },
      run: { actor: 'octocat', triggeringActor: 'alice' }
    })
    const result = await run(ctx)
    expect(result.outputs['deployment-status']).toBe('success')
    expect(result.outputs.halted).toBe('true')
    expect(haltMessage()).toEqual({
      by: 'alice',
      at: NOW.toISOString(),
      reason: 'payments double-charging'
    })
  })

  test('an emergency stop runs every service’s stop command', async () => {
    const { ctx } = context({ inputs: { reason: 'stop it' } })
    await run(ctx)
    const evidence = await ops.evidence()
    expect(evidence.map((e) => e.runbook)).toEqual(
      ['api', 'web'].map((service) => ({
        RUNBOOK_ACTION: 'emergency-stop',
        RUNBOOK_SERVICE: service,
        RUNBOOK_REF: V1,
        RUNBOOK_VERSION: '',
        RUNBOOK_REASON: 'stop it'
      }))
    )
    expect(evidence.map((e) => e.kind)).toEqual(['stop', 'stop'])
    expect(await ops.serviceState('api')).toBeNull()
    expect(await ops.serviceState('web')).toBeNull()
  })

  test('an emergency stop cancels the other running and queued runs of its workflow, not itself or other workflows', async () => {
    emulator.addWorkflowRun({
      id: 101,
      workflow_id: WORKFLOW,
      status: 'in_progress'
    })
    emulator.addWorkflowRun({
      id: 102,
      workflow_id: WORKFLOW,
      status: 'queued'
    })
    emulator.addWorkflowRun({ id: 103, workflow_id: 8, status: 'in_progress' })
    emulator.addWorkflowRun({
      id: 104,
      workflow_id: WORKFLOW,
      status: 'completed'
    })
    const { ctx } = context()
    const result = await run(ctx)
    expect(emulator.run(101)?.conclusion).toBe('cancelled')
    expect(emulator.run(102)?.conclusion).toBe('cancelled')
    expect(emulator.run(100)?.status).toBe('in_progress')
    expect(emulator.run(103)?.status).toBe('in_progress')
    expect(emulator.run(104)?.conclusion).toBe('success')
    expect(
      emulator.requests
        .filter('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel')
        .map((r) => r.path.split('/').at(-2))
    ).toEqual(['101', '102'])
    expect(result.failure).toBeNull()
  })

  test('the dashboard shows the halt and recommends resume', async () => {
    const { ctx } = context({ inputs: { reason: 'stop it' } })
    const result = await run(ctx)
    const body = emulator.issue(Number(result.outputs['issue-number']))?.body
    const state = stateOf(body)
    expect(state.halt).toEqual({
      by: 'octocat',
      at: NOW.toISOString(),
      reason: 'stop it'
    })
    expect(state.events.map((e) => e.kind)).toContain('emergency-stop')
    expect(body).toContain('**Now (stopped):**')
  })

  test('a deploy is refused while halted and accepted after resume', async () => {
    await run(context().ctx)
    const refused = await run(context({ inputs: { action: 'deploy' } }).ctx)
    expect(refused.outputs.approved).toBe('false')
    expect(refused.failure).toContain('an emergency stop is in effect')
    expect((await ops.evidence()).filter((e) => e.kind === 'deploy')).toEqual(
      []
    )
    expect(emulator.deployments()).toEqual([])

    const resumed = await run(
      context({ inputs: { action: 'resume', reason: 'fixed' } }).ctx
    )
    expect(resumed.outputs['deployment-status']).toBe('success')
    expect(emulator.ref('tags/runbook-halt')).toBeUndefined()

    const deployed = await run(context({ inputs: { action: 'deploy' } }).ctx)
    expect(deployed.failure).toBeNull()
    expect(deployed.outputs['deployment-status']).toBe('success')
    expect(await ops.serviceState('api')).toBe(`ok ${V1}`)
    const state = stateOf(
      emulator.issue(Number(deployed.outputs['issue-number']))?.body
    )
    expect(state.halt).toBeNull()
    expect(state.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['emergency-stop', 'refused', 'resume', 'deploy'])
    )
  }, 60_000)

  test('a second emergency stop while halted reports the lock already held and does nothing else', async () => {
    await run(context({ inputs: { reason: 'first' } }).ctx)
    const { ctx, reporter } = context({
      inputs: { reason: 'second' },
      run: { triggeringActor: 'bob' }
    })
    const again = await run(ctx)
    expect(again.outputs['deployment-status']).toBe('skipped')
    expect(warnings(reporter)).toContain('already in effect')
    expect(
      (await ops.evidence()).filter((e) => e.kind === 'stop')
    ).toHaveLength(2)
    expect(haltMessage()).toEqual(expect.objectContaining({ reason: 'first' }))
  })

  test('a second emergency stop while halted is recorded on the dashboard as already in effect, under the first stop’s owner', async () => {
    await run(context({ inputs: { reason: 'first' } }).ctx)
    const again = await run(
      context({
        inputs: { reason: 'second' },
        run: { id: '101', actor: 'bob', triggeringActor: 'bob' }
      }).ctx
    )
    const state = stateOf(
      emulator.issue(Number(again.outputs['issue-number']))?.body
    )
    expect(state.halt).toEqual({
      by: 'octocat',
      at: NOW.toISOString(),
      reason: 'first'
    })
    expect(state.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'emergency-stop-held',
          run: '101',
          text: 'emergency stop requested by bob (second): already in effect since 2025-12-22 13:00:00 UTC by octocat'
        })
      ])
    )
  })

  test('two emergency stops at once: exactly one takes the lock and the other reports it held', async () => {
    const issue = seedDashboard(emulator, {})
    emulator.addWorkflowRun({
      id: 201,
      workflow_id: WORKFLOW,
      status: 'in_progress'
    })
    emulator.addWorkflowRun({
      id: 202,
      workflow_id: WORKFLOW,
      status: 'in_progress'
    })
    const a = context({
      inputs: { reason: 'alice saw errors' },
      run: { id: '201', triggeringActor: 'alice' }
    })
    const b = context({
      inputs: { reason: 'bob saw errors' },
      run: { id: '202', triggeringActor: 'bob' }
    })
    const results = await Promise.all([run(a.ctx), run(b.ctx)])
    const statuses = results.map((r) => r.outputs['deployment-status'])
    expect([...statuses].sort()).toEqual(['skipped', 'success'])
    const loser = statuses[0] === 'skipped' ? a : b
    const winner = loser === a ? b : a
    expect(warnings(loser.reporter)).toContain('already in effect')
    expect(haltMessage()).toEqual(
      expect.objectContaining({
        by: winner.ctx.settings.run.triggeringActor
      })
    )
    expect(
      (await ops.evidence()).filter((e) => e.kind === 'stop')
    ).toHaveLength(2)
    for (const result of results)
      expect(result.outputs['issue-number']).toBe(String(issue))
    const state = stateOf(emulator.issue(issue)?.body)
    expect(state.halt?.by).toBe(winner.ctx.settings.run.triggeringActor)
    expect(state.events.map((e) => e.kind)).toContain('emergency-stop')
  }, 60_000)

  // GitHub has no conditional update for an issue: each run reads the
  // dashboard back after writing it and merges again when the other run's
  // write replaced its own (here both runs share one write queue, which
  // spaces their writes).
  test('two emergency stops at once are both recorded in the dashboard events, each under its own run', async () => {
    const issue = seedDashboard(emulator, {})
    emulator.addWorkflowRun({
      id: 201,
      workflow_id: 9,
      status: 'in_progress'
    })
    emulator.addWorkflowRun({
      id: 202,
      workflow_id: 9,
      status: 'in_progress'
    })
    const a = context({
      inputs: { reason: 'alice saw errors' },
      run: { id: '201', triggeringActor: 'alice' }
    })
    const b = context({
      inputs: { reason: 'bob saw errors' },
      run: { id: '202', triggeringActor: 'bob' }
    })
    const results = await Promise.all([run(a.ctx), run(b.ctx)])
    const [winner, loser] =
      results[0]?.outputs['deployment-status'] === 'success'
        ? ['201', '202']
        : ['202', '201']
    const { events } = stateOf(emulator.issue(issue)?.body)
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'emergency-stop', run: winner }),
        expect.objectContaining({ run: loser })
      ])
    )
  }, 60_000)

  // Two first runs at the same moment both find no dashboard and both create
  // one: the one that did not get the preferred number merges into the other
  // and closes its own.
  test('two emergency stops at once on a repository without a dashboard create only one dashboard issue', async () => {
    const a = context({ run: { id: '100', triggeringActor: 'alice' } })
    const b = context({ run: { id: '100', triggeringActor: 'bob' } })
    await Promise.all([run(a.ctx), run(b.ctx)])
    expect(
      emulator.issues().filter((i) => i.title === 'Runbook status dashboard')
    ).toHaveLength(1)
  }, 60_000)

  test('an emergency stop whose token may not cancel runs still stops, records the halt and reports the rest', async () => {
    await emulator.close()
    emulator = await startEmulator({
      tokens: { [DEFAULT_TOKEN]: { ...FULL_ACCESS, actions: 'read' } }
    })
    emulator.addCommit(V1, 'v1', { branch: 'main' })
    emulator.setPermission('octocat', 'write')
    emulator.addWorkflowRun({
      id: 100,
      workflow_id: WORKFLOW,
      status: 'in_progress'
    })
    emulator.addWorkflowRun({
      id: 101,
      workflow_id: WORKFLOW,
      status: 'queued'
    })
    const { ctx, reporter } = context()
    let result: RunResult | undefined
    let thrown: unknown
    try {
      result = await run(ctx)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeUndefined()
    expect(result?.outputs.halted).toBe('true')
    expect(emulator.ref('tags/runbook-halt')).toBeDefined()
    expect(warnings(reporter)).toContain('actions: write')
    expect(emulator.issues()).toHaveLength(1)
  })

  test('a dry-run emergency stop takes no lock, runs nothing and writes nothing', async () => {
    const { ctx, reporter } = context({ inputs: { 'dry-run': 'true' } })
    const result = await run(ctx)
    expect(result.outputs['deployment-status']).toBe('skipped')
    expect(emulator.requests.writes()).toEqual([])
    expect(await ops.evidence()).toEqual([])
    expect(reporter.logLines().join('\n')).toContain(
      'would run the stop command of api'
    )
  })

  test('resume without an emergency stop in effect says so and changes nothing', async () => {
    const { ctx } = context({ inputs: { action: 'resume' } })
    const result = await run(ctx)
    expect(result.outputs['deployment-status']).toBe('skipped')
    expect(result.failure).toBeNull()
    expect(emulator.ref('tags/runbook-halt')).toBeUndefined()
  })
})

describe('emergency stop on the local platform', () => {
  let repo: GitRepo
  let stateDir: string
  let head: string

  beforeEach(async () => {
    repo = await gitRepo()
    head = await repo.commit('v1')
    stateDir = join(await tempDir('state'), '.runbook')
  })
  afterEach(async () => {
    await rm(repo.dir, { recursive: true, force: true })
    await rm(join(stateDir, '..'), { recursive: true, force: true })
  })

  const local = () => new LocalPlatform(stateDir, repo.dir)
  const localContext = (options: Parameters<typeof context>[0] = {}) =>
    context({
      ...options,
      run: { sha: '', id: 'local', url: '', ...options.run }
    })

  async function haltMessage(): Promise<unknown> {
    expect(await repo.git('cat-file', '-t', 'runbook-halt')).toBe('tag')
    expect(await repo.git('rev-parse', 'runbook-halt^{commit}')).toBe(head)
    return JSON.parse(
      await repo.git('tag', '-l', '--format=%(contents)', 'runbook-halt')
    )
  }

  test('an emergency stop takes an annotated runbook-halt tag in the repository and stops every service', async () => {
    const { ctx } = localContext({ inputs: { reason: 'disk full' } })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.outputs['deployment-status']).toBe('success')
    expect(await haltMessage()).toEqual({
      by: 'octocat',
      at: NOW.toISOString(),
      reason: 'disk full'
    })
    expect((await ops.evidence()).map((e) => [e.kind, e.service])).toEqual([
      ['stop', 'api'],
      ['stop', 'web']
    ])
    const state = stateOf(
      await readFile(join(stateDir, 'dashboard.md'), 'utf8')
    )
    expect(state.halt?.reason).toBe('disk full')
  })

  test('a local deploy is refused while halted and accepted after resume', async () => {
    await runStage('all', localContext().ctx, depsOf(local()))
    const refused = await runStage(
      'all',
      localContext({ inputs: { action: 'deploy' } }).ctx,
      depsOf(local())
    )
    expect(refused.outputs.approved).toBe('false')
    expect(refused.failure).toContain('an emergency stop is in effect')
    expect((await ops.evidence()).filter((e) => e.kind === 'deploy')).toEqual(
      []
    )
    const resumed = await runStage(
      'all',
      localContext({ inputs: { action: 'resume' } }).ctx,
      depsOf(local())
    )
    expect(resumed.outputs['deployment-status']).toBe('success')
    expect(await repo.git('tag', '-l', 'runbook-halt')).toBe('')
    const deployed = await runStage(
      'all',
      localContext({ inputs: { action: 'deploy' } }).ctx,
      depsOf(local())
    )
    expect(deployed.failure).toBeNull()
    expect(await ops.serviceState('web')).toBe(`ok ${head}`)
  })

  test('two local emergency stops at once: exactly one takes the lock, the other reports it held', async () => {
    // Several rounds: the lock must hold whatever the interleaving.
    for (let round = 0; round < 5; round++) {
      const a = localContext({
        inputs: { stage: 'deploy', reason: `a${round}` }
      })
      const b = localContext({
        inputs: { stage: 'deploy', reason: `b${round}` },
        run: { triggeringActor: 'bob' }
      })
      const results = await Promise.all([
        runStage('deploy', a.ctx, depsOf(local())),
        runStage('deploy', b.ctx, depsOf(local()))
      ])
      expect(results.map((r) => r.outputs['deployment-status']).sort()).toEqual(
        ['skipped', 'success']
      )
      const [winner, loser] =
        results[0]?.outputs['deployment-status'] === 'success' ? [a, b] : [b, a]
      expect(warnings(loser.reporter)).toContain('already in effect')
      expect(await haltMessage()).toEqual(
        expect.objectContaining({
          reason: winner.ctx.settings.inputs.reason
        })
      )
      await repo.git('tag', '-d', 'runbook-halt')
    }
    expect(
      (await ops.evidence()).filter((e) => e.kind === 'stop')
    ).toHaveLength(10)
  })

  test('two local runs writing the dashboard at once both succeed', async () => {
    // What the status stages of two concurrent stops end with.
    const written = await Promise.allSettled([
      local().updateDashboard(0, 'written by the first stop'),
      local().updateDashboard(0, 'written by the second stop')
    ])
    expect(written.map((w) => w.status)).toEqual(['fulfilled', 'fulfilled'])
  })

  test('shell syntax in the reason of an emergency stop never runs and is kept literally in the lock', async () => {
    const pwned = join(ops.dir, 'pwned')
    const reason = `$(touch ${pwned}) \`touch ${pwned}\`; touch ${pwned} "'`
    const { ctx } = localContext({ inputs: { reason } })
    await runStage('all', ctx, depsOf(local()))
    expect(await exists(pwned)).toBe(false)
    for (const e of await ops.evidence())
      expect(e.runbook.RUNBOOK_REASON).toBe(reason)
    expect(await haltMessage()).toEqual(expect.objectContaining({ reason }))
  })
})
