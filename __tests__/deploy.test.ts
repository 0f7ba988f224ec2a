import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { access, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runStage } from '../src/run-stages.js'
import { parseInputs } from '../src/inputs.js'
import { LocalPlatform } from '../src/platform/local.js'
import { JOB_IDS } from '../src/needs.js'
import { startEmulator, sha, type Emulator } from './emulator/index.js'
import {
  depsOf,
  enterEmptyDir,
  githubPlatform,
  gitRepo,
  opsContext,
  startOps,
  stateOf,
  tempDir,
  type ContextOptions,
  type Ops
} from './helpers/ops.js'

const V1 = sha('app v1')
const V2 = sha('app v2')
const NOW = new Date('2025-12-31T23:59:58.250Z')
const TAG = 'deployment-20251231-235958'
const NEXT_TAG = 'deployment-20251231-235959'
const DEPLOYMENT_ROUTE = '/repos/{owner}/{repo}/deployments'

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false
  )

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
    now: () => NOW,
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

function deploymentRefs(): string[] {
  return emulator
    .refs('refs/tags/deployment-')
    .map((r) => r.ref.replace('refs/tags/', ''))
}

/** The results the workflow hands the monitor job after this deploy. */
function resultsAfter(outputs: Record<string, string>): string {
  return JSON.stringify({
    [JOB_IDS.gate]: {
      result: 'success',
      outputs: { approved: 'true', action: 'deploy', reason: '' }
    },
    [JOB_IDS.deploy]: { result: 'success', outputs }
  })
}

describe('deploy on GitHub', () => {
  test('a deploy tags the deployed commit deployment-YYYYMMDD-HHMMSS in UTC and outputs its status, time and tag', async () => {
    const { ctx } = context()
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.failure).toBeNull()
    expect(emulator.ref(`tags/${TAG}`)?.object).toEqual(
      expect.objectContaining({ sha: V2, type: 'commit' })
    )
    expect(deploymentRefs()).toEqual([TAG])
    expect(result.outputs).toEqual(
      expect.objectContaining({
        'deployment-status': 'success',
        'deployment-time': NOW.toISOString(),
        'deployment-tag': TAG
      })
    )
  })

  test('a deploy records a GitHub Deployment of the commit to the configured environment, without auto-merge or required contexts', async () => {
    const { ctx } = context()
    await runStage('deploy', ctx, depsOf(githubPlatform(emulator)))
    const posted = emulator.requests.filter('POST', DEPLOYMENT_ROUTE)
    expect(posted).toHaveLength(1)
    expect(posted[0]?.body).toEqual(
      expect.objectContaining({
        ref: V2,
        environment: 'staging',
        auto_merge: false,
        required_contexts: []
      })
    )
    const [deployment] = emulator.deployments()
    expect(deployment?.sha).toBe(V2)
    expect(deployment?.environment).toBe('staging')
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['in_progress'])
  })

  test('the monitor stage given the deploy results marks the Deployment success once it verifies it', async () => {
    const platform = githubPlatform(emulator)
    const deployed = await runStage('deploy', context().ctx, depsOf(platform))
    const { ctx } = context({
      inputs: { stage: 'monitor', results: resultsAfter(deployed.outputs) }
    })
    const monitored = await runStage('monitor', ctx, depsOf(platform))
    expect(monitored.outputs['monitoring-status']).toBe('healthy')
    const [deployment] = emulator.deployments()
    expect(deployment?.statuses.map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])
  })

  test('the monitor stage marks the Deployment failure when the deployed version is down', async () => {
    await ops.setMode('broken', V2)
    const platform = githubPlatform(emulator)
    const deployed = await runStage('deploy', context().ctx, depsOf(platform))
    const { ctx } = context({
      inputs: { stage: 'monitor', results: resultsAfter(deployed.outputs) }
    })
    const monitored = await runStage('monitor', ctx, depsOf(platform))
    expect(monitored.outputs['monitoring-status']).toBe('critical')
    const [deployment] = emulator.deployments()
    expect(deployment?.statuses.map((s) => s.state)).toEqual([
      'failure',
      'in_progress'
    ])
  })

  test('the monitor stage requires the deployed SHA in the answer, not just any 200', async () => {
    // The services keep answering the old version: the deploy did not take.
    const platform = githubPlatform(emulator)
    const { ctx: deployCtx } = context({
      config: { services: ops.serviceConfig({ deploy: 'true' }) }
    })
    const deployed = await runStage('deploy', deployCtx, depsOf(platform))
    const { ctx } = context({
      inputs: { stage: 'monitor', results: resultsAfter(deployed.outputs) }
    })
    const monitored = await runStage('monitor', ctx, depsOf(platform))
    expect(monitored.outputs['monitoring-status']).toBe('critical')
    expect(emulator.deployments()[0]?.statuses[0]?.state).toBe('failure')
  })

  test('stage all with action deploy deploys, verifies and records the verified deployment on the dashboard', async () => {
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.failure).toBeNull()
    expect(result.outputs).toEqual(
      expect.objectContaining({
        approved: 'true',
        'build-status': 'skipped',
        'deployment-status': 'success',
        'deployment-tag': TAG,
        'monitoring-status': 'healthy',
        'rollback-status': 'skipped'
      })
    )
    expect(emulator.deployments()[0]?.statuses.map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])
    const state = stateOf(
      emulator.issue(Number(result.outputs['issue-number']))?.body
    )
    expect(state.deployments[0]).toEqual(
      expect.objectContaining({
        tag: TAG,
        sha: V2,
        verified: true,
        components: ['api', 'web']
      })
    )
    expect(await ops.serviceState('api')).toBe(`ok ${V2}`)
    expect(await ops.serviceState('web')).toBe(`ok ${V2}`)
  })

  test('a deploy whose command fails is reported failed with its exit code, its Deployment failure and no tag', async () => {
    await ops.setMode('fail')
    const { ctx, reporter } = context()
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['deployment-status']).toBe('failed')
    expect(result.outputs['deployment-tag']).toBe('')
    expect(result.failure).toContain('api: deploy exit 3')
    expect(result.failure).not.toContain('registry unreachable')
    // The command's output is in the log only.
    expect(
      reporter
        .of('info')
        .some((e) => e.message.includes('registry unreachable'))
    ).toBe(true)
    expect(deploymentRefs()).toEqual([])
    expect(emulator.deployments()[0]?.statuses.map((s) => s.state)).toEqual([
      'failure',
      'in_progress'
    ])
    // The first failure stops the deploy: web was not touched.
    expect((await ops.evidence()).map((e) => e.service)).toEqual(['api'])
    expect(await ops.serviceState('web')).toBe(`ok ${V1}`)
  })

  test('a failed deploy in stage all fails the run and is recorded as deploy-failed on the dashboard', async () => {
    await ops.setMode('fail')
    const { ctx } = context()
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.failure).toContain('api: deploy exit 3')
    expect(result.outputs['deployment-status']).toBe('failed')
    const state = stateOf(
      emulator.issue(Number(result.outputs['issue-number']))?.body
    )
    expect(state.events.map((e) => e.kind)).toContain('deploy-failed')
    expect(state.deployments).toEqual([])
  })

  test('a tag that already exists at the deployed commit is reused', async () => {
    emulator.addTag(TAG, V2)
    const { ctx } = context()
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['deployment-status']).toBe('success')
    expect(result.outputs['deployment-tag']).toBe(TAG)
    expect(deploymentRefs()).toEqual([TAG])
  })

  test('a tag that already exists at another commit makes the deploy take the next free second', async () => {
    emulator.addTag(TAG, V1)
    const { ctx } = context()
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['deployment-tag']).toBe(NEXT_TAG)
    expect(emulator.ref(`tags/${NEXT_TAG}`)?.object.sha).toBe(V2)
    expect(emulator.ref(`tags/${TAG}`)?.object.sha).toBe(V1)
  })

  test('two taken seconds are both skipped', async () => {
    emulator.addTag(TAG, V1)
    emulator.addTag(NEXT_TAG, V1)
    const { ctx } = context()
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['deployment-tag']).toBe('deployment-20260101-000000')
  })

  test('update-component runs only the named service’s deploy command', async () => {
    const { ctx } = context({
      inputs: { action: 'update-component', 'target-component': 'web' }
    })
    const result = await runStage(
      'deploy',
      ctx,
      depsOf(githubPlatform(emulator))
    )
    expect(result.outputs['deployment-status']).toBe('success')
    const evidence = await ops.evidence()
    expect(evidence.map((e) => [e.kind, e.service])).toEqual([
      ['deploy', 'web']
    ])
    expect(evidence[0]?.runbook.RUNBOOK_ACTION).toBe('update-component')
    expect(await ops.serviceState('web')).toBe(`ok ${V2}`)
    expect(await ops.serviceState('api')).toBe(`ok ${V1}`)
    expect(emulator.deployments()[0]?.payload).toEqual(
      expect.objectContaining({ action: 'update-component', components: 'web' })
    )
  })

  test('update-component without a named service is refused before anything runs', async () => {
    const { ctx } = context({ inputs: { action: 'update-component' } })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs.approved).toBe('false')
    expect(result.failure).toContain('update-component needs one service')
    expect(await ops.evidence()).toEqual([])
    expect(emulator.deployments()).toEqual([])
  })

  test('a dry run runs no command and writes nothing to GitHub', async () => {
    const { ctx, reporter } = context({ inputs: { 'dry-run': 'true' } })
    const result = await runStage('all', ctx, depsOf(githubPlatform(emulator)))
    expect(result.outputs['deployment-status']).toBe('skipped')
    expect(emulator.requests.writes()).toEqual([])
    expect(await ops.evidence()).toEqual([])
    expect(deploymentRefs()).toEqual([])
    expect(emulator.deployments()).toEqual([])
    expect(await exists(join(ops.dir, 'report.json'))).toBe(false)
    expect(await ops.serviceState('api')).toBe(`ok ${V1}`)
    const lines = reporter.logLines().join('\n')
    expect(lines).toContain('would run the deploy command of api')
    expect(lines).toContain(`would tag ${V2.slice(0, 7)} as ${TAG}`)
  })
})

describe('deploy on the local platform', () => {
  let repo: Awaited<ReturnType<typeof gitRepo>>
  let stateDir: string
  let head: string
  let first: string

  beforeEach(async () => {
    repo = await gitRepo()
    first = await repo.commit('v1')
    head = await repo.commit('v2')
    stateDir = join(await tempDir('state'), '.runbook')
  })
  afterEach(async () => {
    await rm(repo.dir, { recursive: true, force: true })
    await rm(join(stateDir, '..'), { recursive: true, force: true })
  })

  const local = () => new LocalPlatform(stateDir, repo.dir)

  test('a deploy tags HEAD and records its deployment as pending, in progress, then success', async () => {
    const { ctx } = context({ run: { sha: '', id: 'local', url: '' } })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.failure).toBeNull()
    expect(result.outputs['deployment-tag']).toBe(TAG)
    expect(await repo.git('rev-parse', `${TAG}^{commit}`)).toBe(head)
    const log = (await readFile(join(stateDir, 'deployments.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { state: string; sha?: string })
    expect(log.map((entry) => entry.state)).toEqual([
      'pending',
      'in_progress',
      'success'
    ])
    expect(log[0]).toEqual(
      expect.objectContaining({ sha: head, environment: 'staging' })
    )
    const evidence = await ops.evidence()
    expect(evidence.map((e) => e.runbook.RUNBOOK_REF)).toEqual([head, head])
    const state = stateOf(
      await readFile(join(stateDir, 'dashboard.md'), 'utf8')
    )
    expect(state.deployments[0]).toEqual(
      expect.objectContaining({ tag: TAG, sha: head, verified: true })
    )
  })

  test('a local deploy reuses a tag at the same commit and skips one at another', async () => {
    await repo.git('tag', TAG, head)
    const { ctx } = context({ run: { sha: '' } })
    const reused = await runStage('deploy', ctx, depsOf(local()))
    expect(reused.outputs['deployment-tag']).toBe(TAG)

    await repo.git('tag', '-d', TAG)
    await repo.git('tag', TAG, first)
    const moved = await runStage(
      'deploy',
      context({ run: { sha: '' } }).ctx,
      depsOf(local())
    )
    expect(moved.outputs['deployment-tag']).toBe(NEXT_TAG)
    expect(await repo.git('rev-parse', `${NEXT_TAG}^{commit}`)).toBe(head)
    expect(await repo.git('rev-parse', `${TAG}^{commit}`)).toBe(first)
  })

  test('a deploy whose CI fails deploys nothing', async () => {
    // stage all runs CI in the working directory.
    const manifest = join(process.cwd(), 'package.json')
    await writeFile(
      manifest,
      JSON.stringify({ name: 'app', scripts: { test: 'exit 1' } })
    )
    try {
      const { ctx } = context({ run: { sha: '' } })
      const result = await runStage('all', ctx, depsOf(local()))
      expect(result.outputs['build-status']).toBe('failed')
      expect(result.outputs['deployment-status']).toBeUndefined()
      expect(result.failure).toContain('CI failed: nothing was deployed')
    } finally {
      await rm(manifest)
      await rm(join(process.cwd(), 'package-lock.json'), { force: true })
    }
    expect(await ops.evidence()).toEqual([])
    expect(await repo.git('tag', '-l')).toBe('')
  })

  test('a failed local deploy creates no tag', async () => {
    await ops.setMode('fail')
    const { ctx } = context({ run: { sha: '' } })
    const result = await runStage('deploy', ctx, depsOf(local()))
    expect(result.outputs['deployment-status']).toBe('failed')
    expect(await repo.git('tag', '-l', 'deployment-*')).toBe('')
  })

  test('a failed deploy names the command and its exit code in the summary and leaves its output to the log', async () => {
    await ops.setMode('fail')
    const { ctx, reporter } = context({ run: { sha: '' } })
    const result = await runStage('deploy', ctx, depsOf(local()))
    expect(result.outputs['deployment-status']).toBe('failed')
    const shown = [result.failure, ...reporter.summaries].join('\n')
    expect(shown).toContain('api: deploy exit 3')
    expect(shown).not.toContain('pulling the image of api')
    expect(shown).not.toContain('registry unreachable')
    const log = reporter.of('info').map((e) => e.message)
    expect(log).toContain('  api | pulling the image of api')
    expect(log).toContain('  api | error: registry unreachable')
  })

  test('a local dry run creates no tag, no state and runs nothing', async () => {
    const { ctx } = context({
      run: { sha: '' },
      inputs: { 'dry-run': 'true' }
    })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.outputs['deployment-status']).toBe('skipped')
    expect(await repo.git('tag', '-l')).toBe('')
    expect(await exists(stateDir)).toBe(false)
    expect(await ops.evidence()).toEqual([])
  })

  test('a deploy command that outlives deployment.timeout-ms is stopped and the deploy fails as timed out', async () => {
    const marker = join(ops.dir, 'finished')
    const { ctx } = context({
      run: { sha: '' },
      config: {
        services: ops.serviceConfig({ deploy: `sleep 2; touch '${marker}'` }),
        deployment: { environment: 'staging', 'timeout-ms': 1000 }
      }
    })
    const started = Date.now()
    const result = await runStage('deploy', ctx, depsOf(local()))
    expect(Date.now() - started).toBeLessThan(1900)
    expect(result.outputs['deployment-status']).toBe('failed')
    expect(result.failure).toContain('timed out')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await exists(marker)).toBe(false)
  })

  test('the RUNBOOK_VERSION a deploy command receives is the tag the deploy creates, even when that second was taken', async () => {
    await repo.git('tag', TAG, first)
    const { ctx } = context({ run: { sha: '' } })
    const result = await runStage('deploy', ctx, depsOf(local()))
    expect(result.outputs['deployment-tag']).toBe(NEXT_TAG)
    const versions = (await ops.evidence()).map(
      (e) => e.runbook.RUNBOOK_VERSION
    )
    expect(versions).toEqual([NEXT_TAG, NEXT_TAG])
  })

  test('the commands receive exactly RUNBOOK_ACTION, SERVICE, REF, VERSION and REASON', async () => {
    const { ctx } = context({
      run: { sha: '' },
      inputs: { reason: 'ship the fix' }
    })
    await runStage('deploy', ctx, depsOf(local()))
    const evidence = await ops.evidence()
    expect(evidence.map((e) => e.runbook)).toEqual(
      ['api', 'web'].map((service) => ({
        RUNBOOK_ACTION: 'deploy',
        RUNBOOK_SERVICE: service,
        RUNBOOK_REF: head,
        RUNBOOK_VERSION: TAG,
        RUNBOOK_REASON: 'ship the fix'
      }))
    )
  })

  test('the commands do not inherit the action’s INPUT_* variables (token, webhook URLs, raw dispatch values)', async () => {
    // What the runner gives the action process for its inputs.
    const inputs = {
      'INPUT_GITHUB-TOKEN': 'ghs_do-not-pass-this-on',
      'INPUT_SLACK-WEBHOOK-URL': 'https://hooks.slack.com/services/T/B/x',
      INPUT_REASON: 'free text'
    }
    Object.assign(process.env, inputs)
    try {
      const { ctx } = context({ run: { sha: '' } })
      await runStage('deploy', ctx, depsOf(local()))
    } finally {
      for (const name of Object.keys(inputs)) delete process.env[name]
    }
    const evidence = await ops.evidence()
    expect(evidence).toHaveLength(2)
    for (const e of evidence)
      expect(Object.keys(e.env).filter((k) => k.startsWith('INPUT_'))).toEqual(
        []
      )
  })

  test('shell syntax in the reason never runs, and the command sees it literally in RUNBOOK_REASON', async () => {
    const pwned = (n: number) => join(ops.dir, `pwned-${n}`)
    const reason = [
      `$(touch ${pwned(1)})`,
      `\`touch ${pwned(2)}\``,
      `; touch ${pwned(3)};`,
      `' ; touch ${pwned(4)} ; '`,
      `" ; touch ${pwned(5)} ; "`,
      `| touch ${pwned(6)} && touch ${pwned(7)}`
    ].join(' ')
    const { ctx } = context({ run: { sha: '' }, inputs: { reason } })
    const result = await runStage('all', ctx, depsOf(local()))
    expect(result.outputs['deployment-status']).toBe('success')
    for (let n = 1; n <= 7; n++) expect(await exists(pwned(n))).toBe(false)
    const evidence = await ops.evidence()
    expect(evidence).toHaveLength(2)
    for (const e of evidence) expect(e.runbook.RUNBOOK_REASON).toBe(reason)
  })

  test('shell syntax in target-component or rollback-version is refused by validation', async () => {
    const pwned = join(ops.dir, 'pwned')
    for (const input of ['target-component', 'rollback-version'] as const)
      for (const value of [
        `$(touch ${pwned})`,
        `\`touch ${pwned}\``,
        `web;touch ${pwned}`
      ])
        expect(() => parseInputs({ action: 'deploy', [input]: value })).toThrow(
          `input \`${input}\``
        )
    expect(await exists(pwned)).toBe(false)
  })
})
