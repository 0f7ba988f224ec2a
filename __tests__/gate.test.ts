import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { RunInfo } from '../src/context.js'
import { renderDashboard } from '../src/dashboard/render.js'
import type { DeploymentRecord } from '../src/dashboard/state.js'
import { InputError } from '../src/errors.js'
import type { InputName } from '../src/inputs.js'
import { LocalPlatform } from '../src/platform/local.js'
import {
  DASHBOARD_LABEL,
  HALT_TAG,
  STATUS_PHRASE,
  type DeploymentFact,
  type Platform
} from '../src/platform/platform.js'
import {
  gate,
  gateOutputs,
  liveTag,
  previousGoodDeployment,
  resolveAction
} from '../src/stages/gate.js'
import {
  DEFAULT_LOGIN,
  startEmulator,
  type Emulator,
  type RepoRole
} from './emulator/index.js'
import { stageContext } from './helpers/context.js'
import { services, stateOf } from './helpers/dashboard.js'
import { githubPlatform, recordDeployments } from './helpers/github.js'
import { tempRepo, type TempRepo } from './helpers/git.js'

const NOW = '2025-12-22T13:00:00.000Z'
const SERVICES = [
  { name: 'api', url: 'http://127.0.0.1:9/health' },
  { name: 'web', url: 'http://127.0.0.1:9/health' }
]
const OLDEST = 'deployment-20251220-100000'
const GOOD = 'deployment-20251221-100000'
const BAD = 'deployment-20251222-120000'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
  emulator.setPermission('octocat', 'write')
})
afterEach(() => emulator.close())

async function runGate(
  options: {
    inputs?: Partial<Record<InputName, string>>
    run?: Partial<RunInfo>
    platform?: Platform
  } = {}
) {
  const { ctx, reporter } = stageContext({
    services: SERVICES,
    inputs: { stage: 'gate', ...options.inputs },
    run: options.run,
    now: new Date(NOW)
  })
  const result = await gate(ctx, options.platform ?? githubPlatform(emulator))
  return { result, reporter }
}

/** Takes the lock the way Runbook does: an annotated tag whose message is JSON. */
function halt(by = 'hubot', reason = 'payments double-charging') {
  emulator.addTag(HALT_TAG, emulator.headSha(), {
    message: JSON.stringify({ by, at: NOW, reason })
  })
}

function deployment(
  tag: string,
  verified: boolean | null,
  kind: DeploymentRecord['kind'] = 'deploy'
): DeploymentRecord {
  const t = tag.slice('deployment-'.length)
  return {
    tag,
    sha: emulator.headSha(),
    time: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.000Z`,
    actor: 'octocat',
    components: [],
    verified,
    kind,
    run_url: ''
  }
}

/** Issue #1 as a dashboard listing these deployments (newest first). */
function dashboardWith(deployments: DeploymentRecord[]) {
  recordDeployments(emulator, deployments)
  emulator.addIssue({
    body: renderDashboard(stateOf(NOW, { deployments }), {
      services: services('api', 'web'),
      now: NOW,
      runUrl: '',
      repository: 'octo-org/app'
    }),
    labels: [DASHBOARD_LABEL]
  })
}

const tag = (name: string) => emulator.addTag(name, emulator.headSha())

/** What every refusal must look like: not approved, one line, and said. */
function expectRefusal(
  outcome: Awaited<ReturnType<typeof runGate>>,
  reason: string | RegExp
) {
  expect(outcome.result.approved).toBe(false)
  expect(outcome.result.reason).toMatch(reason)
  expect(outcome.result.reason).not.toMatch(/[\r\n]/)
  expect(outcome.reporter.of('warning')).toEqual([
    {
      kind: 'warning',
      message: `${outcome.result.action} refused: ${outcome.result.reason}`,
      title: 'Safety gate'
    }
  ])
}

describe('resolveAction', () => {
  test('a push deploys', () => {
    expect(resolveAction('', 'push')).toBe('deploy')
  })

  test('a schedule health-checks', () => {
    expect(resolveAction('', 'schedule')).toBe('healthcheck')
  })

  test('a given action wins over the event', () => {
    expect(resolveAction('rollback', 'push')).toBe('rollback')
  })

  test('a manual run without an action is an input error naming the input', () => {
    expect(() => resolveAction('', 'workflow_dispatch')).toThrow(InputError)
    expect(() => resolveAction('', 'workflow_dispatch')).toThrow(
      /^input `action`: "" is not valid for a workflow_dispatch run; allowed: deploy, rollback/
    )
  })

  test('another event without an action is an input error naming the event', () => {
    expect(() => resolveAction('', 'issues')).toThrow(
      new InputError(
        'input `action`: "" cannot be resolved from the event "issues"; set it to deploy, rollback, emergency-stop, update-component, healthcheck or resume'
      )
    )
  })

  test('a run without an event or an action is an input error calling the event unknown', () => {
    expect(() => resolveAction('', '')).toThrow(
      /^input `action`: "" cannot be resolved from the event "unknown";/
    )
  })
})

describe('gate', () => {
  test('a push to the default branch by a writer is approved as a deploy', async () => {
    const { result } = await runGate({ run: { eventName: 'push' } })
    expect(result).toEqual({
      approved: true,
      action: 'deploy',
      reason: '',
      targetComponent: 'all',
      rollbackVersion: '',
      halted: false
    })
    expect(gateOutputs(result)).toEqual({
      approved: 'true',
      action: 'deploy',
      reason: '',
      'target-component': 'all',
      'rollback-version': '',
      halted: 'false'
    })
  })

  test('a scheduled health check is approved without a single request', async () => {
    const { result } = await runGate({ run: { eventName: 'schedule' } })
    expect(result).toMatchObject({ approved: true, action: 'healthcheck' })
    expect(emulator.requests.entries).toEqual([])
  })

  test('a deploy is refused while the emergency stop is in effect', async () => {
    halt()
    const outcome = await runGate({ inputs: { action: 'deploy' } })
    expectRefusal(
      outcome,
      'an emergency stop is in effect (since 2025-12-22 13:00:00 UTC by hubot: payments double-charging); run resume first'
    )
    expect(outcome.result.halted).toBe(true)
    expect(gateOutputs(outcome.result).halted).toBe('true')
  })

  test('update-component is refused while the emergency stop is in effect', async () => {
    halt()
    const outcome = await runGate({
      inputs: { action: 'update-component', 'target-component': 'api' }
    })
    expectRefusal(outcome, /^an emergency stop is in effect/)
  })

  test('a stop taken with a plain tag still refuses deploys', async () => {
    tag(HALT_TAG)
    const outcome = await runGate({ inputs: { action: 'deploy' } })
    expectRefusal(
      outcome,
      'an emergency stop is in effect (since an unknown time by unknown); run resume first'
    )
  })

  test('a multi-line reason in the stop tag is refused in one line', async () => {
    halt('hubot', 'first line\n::error::second line')
    const outcome = await runGate({ inputs: { action: 'deploy' } })
    expectRefusal(
      outcome,
      /first line ::error::second line\); run resume first$/
    )
  })

  test('a deploy from another branch is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { ref: 'refs/heads/feature' }
    })
    expectRefusal(
      outcome,
      'deploy runs only from the default branch main, not refs/heads/feature'
    )
  })

  test('a deploy from a tag is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { ref: 'refs/tags/main' }
    })
    expectRefusal(outcome, /^deploy runs only from the default branch main/)
  })

  test.each<[RepoRole, boolean]>([
    ['admin', true],
    ['maintain', true],
    ['write', true],
    ['triage', false],
    ['read', false],
    ['none', false]
  ])('an actor with %s permission is approved: %s', async (role, approved) => {
    emulator.setPermission('octocat', role)
    const outcome = await runGate({ inputs: { action: 'deploy' } })
    if (approved) expect(outcome.result.approved).toBe(true)
    else
      expectRefusal(
        outcome,
        `octocat has ${role} permission on the repository; deploy needs write, maintain or admin`
      )
  })

  test('an actor GitHub does not know is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { actor: 'ghost-user', triggeringActor: 'ghost-user' }
    })
    expectRefusal(outcome, /^ghost-user has none permission/)
  })

  test('a writer re-running a reader’s run is refused for the reader', async () => {
    emulator.setPermission('mallory', 'read')
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { actor: 'octocat', triggeringActor: 'mallory' }
    })
    expectRefusal(outcome, /^mallory has read permission/)
  })

  test('a reader re-running a writer’s run is refused for the reader', async () => {
    emulator.setPermission('mallory', 'read')
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { actor: 'mallory', triggeringActor: 'octocat' }
    })
    expectRefusal(outcome, /^mallory has read permission/)
  })

  test('a run without a known actor is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'rollback', 'rollback-version': GOOD },
      run: { actor: '', triggeringActor: '' }
    })
    expectRefusal(
      outcome,
      'the actor of this run is unknown, so its permission cannot be checked'
    )
  })

  test('update-component needs one named service', async () => {
    const outcome = await runGate({ inputs: { action: 'update-component' } })
    expectRefusal(
      outcome,
      'update-component needs one service in target-component; allowed: api, web'
    )
  })

  test('update-component of one configured service is approved', async () => {
    const { result } = await runGate({
      inputs: { action: 'update-component', 'target-component': 'web' }
    })
    expect(result).toMatchObject({ approved: true, targetComponent: 'web' })
  })

  test('a target-component that is not a configured service is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy', 'target-component': 'worker' }
    })
    expectRefusal(
      outcome,
      'target-component "worker" is not a configured service; allowed: all, api, web'
    )
  })

  test('a rollback to a tag that does not exist is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'rollback', 'rollback-version': GOOD }
    })
    expectRefusal(outcome, `rollback-version ${GOOD} is not an existing tag`)
  })

  test('a rollback to an existing tag is approved', async () => {
    tag(GOOD)
    const { result } = await runGate({
      inputs: { action: 'rollback', 'rollback-version': GOOD }
    })
    expect(result).toMatchObject({ approved: true, rollbackVersion: GOOD })
  })

  test('a rollback without a version goes to the previous verified deployment on the dashboard', async () => {
    for (const name of [OLDEST, GOOD, BAD]) tag(name)
    dashboardWith([
      deployment(BAD, false),
      deployment(GOOD, true),
      deployment(OLDEST, true)
    ])
    const { result, reporter } = await runGate({
      inputs: { action: 'rollback' }
    })
    expect(result).toMatchObject({ approved: true, rollbackVersion: GOOD })
    expect(gateOutputs(result)['rollback-version']).toBe(GOOD)
    expect(reporter.of('info').map((l) => l.message)).toContain(
      `rollback target: ${GOOD}`
    )
  })

  test('the current deployment is never its own rollback target, even when verified', async () => {
    for (const name of [OLDEST, GOOD]) tag(name)
    dashboardWith([deployment(GOOD, true), deployment(OLDEST, true)])
    const { result } = await runGate({ inputs: { action: 'rollback' } })
    expect(result.rollbackVersion).toBe(OLDEST)
  })

  test('a verified deployment whose tag is gone is skipped', async () => {
    for (const name of [OLDEST, BAD]) tag(name)
    dashboardWith([
      deployment(BAD, false),
      deployment(GOOD, true),
      deployment(OLDEST, true)
    ])
    const { result } = await runGate({ inputs: { action: 'rollback' } })
    expect(result.rollbackVersion).toBe(OLDEST)
  })

  // src/stages/gate.ts:149-154: "current" is the newest record that is not a
  // rollback, so after a rollback to GOOD the running version is taken to be
  // BAD, and the rollback record for GOOD is offered as the target: a
  // rollback to the version already running, instead of the verified one
  // before it (DESIGN §1: "the newest deployment that was verified healthy
  // before the current one").
  test('after a rollback, a rollback without a version goes to the verified deployment before the running one', async () => {
    for (const name of [OLDEST, GOOD, BAD]) tag(name)
    dashboardWith([
      {
        ...deployment(GOOD, true, 'rollback'),
        time: '2025-12-22T12:30:00.000Z'
      },
      deployment(BAD, false),
      deployment(GOOD, true),
      deployment(OLDEST, true)
    ])
    const { result } = await runGate({ inputs: { action: 'rollback' } })
    expect(result.rollbackVersion).toBe(OLDEST)
  })

  test('a rollback without a version is refused when no earlier deployment was verified', async () => {
    for (const name of [GOOD, BAD]) tag(name)
    dashboardWith([deployment(BAD, false), deployment(GOOD, null)])
    const outcome = await runGate({ inputs: { action: 'rollback' } })
    expectRefusal(
      outcome,
      'there is no earlier verified-healthy deployment to roll back to; name one in rollback-version'
    )
  })

  test('a rollback without a version is refused when there is no dashboard', async () => {
    const outcome = await runGate({ inputs: { action: 'rollback' } })
    expectRefusal(outcome, /^there is no earlier verified-healthy deployment/)
  })

  test('a rollback still runs while halted', async () => {
    halt()
    tag(GOOD)
    const { result } = await runGate({
      inputs: { action: 'rollback', 'rollback-version': GOOD }
    })
    expect(result.approved).toBe(true)
  })

  test('an emergency stop is approved while already halted', async () => {
    halt()
    const { result } = await runGate({ inputs: { action: 'emergency-stop' } })
    expect(result).toMatchObject({ approved: true, halted: true })
  })

  test('a resume is approved while halted', async () => {
    halt()
    const { result } = await runGate({ inputs: { action: 'resume' } })
    expect(result).toMatchObject({
      approved: true,
      action: 'resume',
      halted: true
    })
  })

  test('a resume by a reader is refused', async () => {
    halt()
    emulator.setPermission('octocat', 'read')
    const outcome = await runGate({ inputs: { action: 'resume' } })
    expectRefusal(outcome, /^octocat has read permission/)
  })
})

describe('the default branch', () => {
  test('update-component from a feature branch is refused', async () => {
    const outcome = await runGate({
      inputs: { action: 'update-component', 'target-component': 'api' },
      run: { ref: 'refs/heads/feature' }
    })
    expectRefusal(
      outcome,
      'update-component runs only from the default branch main, not refs/heads/feature'
    )
  })

  test('a deploy whose ref is not known is refused, naming the ref unknown', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      run: { ref: '' }
    })
    expectRefusal(
      outcome,
      'deploy runs only from the default branch main, not an unknown ref'
    )
  })

  test.each<[string, Partial<Record<InputName, string>>]>([
    ['an emergency stop', { action: 'emergency-stop' }],
    ['a rollback', { action: 'rollback', 'rollback-version': GOOD }],
    ['a resume', { action: 'resume' }]
  ])('%s from a feature branch is approved', async (_, inputs) => {
    tag(GOOD)
    const { result } = await runGate({
      inputs,
      run: { ref: 'refs/heads/feature' }
    })
    expect(result).toMatchObject({ approved: true, reason: '' })
  })
})

describe('the lock as the gate reports it', () => {
  test('a rollback reports the lock as not read, even while halted', async () => {
    halt()
    tag(GOOD)
    const { result } = await runGate({
      inputs: { action: 'rollback', 'rollback-version': GOOD }
    })
    expect(result.halted).toBeNull()
    expect(gateOutputs(result)).not.toHaveProperty('halted')
  })

  test('a health check reports the lock as not read, even while halted', async () => {
    halt()
    const { result } = await runGate({ inputs: { action: 'healthcheck' } })
    expect(result.halted).toBeNull()
    expect(gateOutputs(result)).not.toHaveProperty('halted')
  })

  test('a resume reports the lock free when no stop is in effect', async () => {
    const { result } = await runGate({ inputs: { action: 'resume' } })
    expect(result).toMatchObject({ approved: true, halted: false })
    expect(gateOutputs(result).halted).toBe('false')
  })
})

const A0 = 'deployment-20251219-100000'
const W1 = 'deployment-20251220-100000'
const A2 = 'deployment-20251221-100000'
const W3 = 'deployment-20251222-100000'

/** Records a verified deployment of `components` for each tag, newest first. */
function deploymentsOf(...records: [string, string[]][]) {
  for (const [name] of records) tag(name)
  recordDeployments(
    emulator,
    records.map(([name, components]) => ({
      ...deployment(name, true),
      components
    }))
  )
}

/** Records a deploy whose commands failed, as the deploy stage records one. */
function commandsFailed(name: string) {
  tag(name)
  emulator.addDeployment({
    ref: emulator.headSha(),
    environment: 'production',
    creator: DEFAULT_LOGIN,
    payload: {
      runbook: '1',
      action: 'deploy',
      tag: name,
      components: 'api,web',
      actor: 'octocat',
      time: NOW,
      run_id: '1'
    },
    statuses: [
      { state: 'in_progress', description: STATUS_PHRASE.running },
      {
        state: 'failure',
        description: `${STATUS_PHRASE.commandsFailed}: deploy of api exited 1`
      }
    ]
  })
}

describe('rollback targets', () => {
  test('a rollback of one service goes to that service’s verified deployment before the one it runs now', async () => {
    deploymentsOf([W3, ['web']], [A2, ['api']], [W1, ['web']], [A0, ['api']])
    const { result } = await runGate({
      inputs: { action: 'rollback', 'target-component': 'api' }
    })
    expect(result).toMatchObject({ approved: true, rollbackVersion: A0 })
  })

  test('a deploy whose commands failed is not what runs now: the rollback goes to before the last one that ran', async () => {
    deploymentsOf([GOOD, []], [OLDEST, []])
    commandsFailed(BAD)
    const { result } = await runGate({ inputs: { action: 'rollback' } })
    expect(result.rollbackVersion).toBe(OLDEST)
  })

  test('a deployment recorded with a malformed tag is never a rollback target, even when a tag of that name exists', async () => {
    const malformed = 'deployment-2025-12-21'
    tag(malformed)
    for (const name of [BAD, OLDEST]) tag(name)
    recordDeployments(emulator, [
      deployment(BAD, false),
      { ...deployment(GOOD, true), tag: malformed },
      deployment(OLDEST, true)
    ])
    const { result } = await runGate({ inputs: { action: 'rollback' } })
    expect(result.rollbackVersion).toBe(OLDEST)
  })

  test('with no current deployment given, the newest verified deployment is the target', async () => {
    deploymentsOf([GOOD, []], [OLDEST, []])
    const { ctx } = stageContext({ services: SERVICES })
    expect(
      await previousGoodDeployment(ctx, githubPlatform(emulator), {
        current: ''
      })
    ).toBe(GOOD)
  })

  test('a rollback of several services goes to the newest deployment of all of them before the newest deployment of any', async () => {
    deploymentsOf([W3, ['web']], [A2, ['api', 'web']], [W1, ['api', 'web']])
    const { ctx } = stageContext({ services: SERVICES })
    expect(
      await previousGoodDeployment(ctx, githubPlatform(emulator), {
        components: ['api', 'web']
      })
    ).toBe(A2)
  })
})

/** A verified deployment fact of `components`, as a platform reads it back. */
function fact(tag: string, components: string[]): DeploymentFact {
  return {
    id: 1,
    tag,
    sha: '',
    time: NOW,
    actor: 'octocat',
    kind: 'deploy',
    components,
    verified: true,
    failedIn: null,
    blamed: [],
    stopped: false
  }
}

describe('liveTag', () => {
  test('without deployments, nothing is known to run', () => {
    expect(liveTag([])).toBe('')
  })

  test('without a component, the newest deployment of any service runs', () => {
    expect(liveTag([fact(A2, ['api']), fact(W1, ['web'])])).toBe(A2)
  })
})

describe('gate on a local repository', () => {
  let repo: TempRepo

  beforeEach(async () => {
    repo = await tempRepo()
  })
  afterEach(() => repo.remove())

  const local = () => new LocalPlatform(join(repo.dir, '.runbook'), repo.dir)

  test('a local deploy is approved without a workflow ref to check', async () => {
    const { result } = await runGate({
      inputs: { action: 'deploy' },
      run: { ref: '', actor: 'me', triggeringActor: 'me' },
      platform: local()
    })
    expect(result).toMatchObject({ approved: true, halted: false })
  })

  test('a local run without a known actor is approved: whoever runs it holds the repository', async () => {
    const { result } = await runGate({
      inputs: { action: 'emergency-stop' },
      run: { actor: '', triggeringActor: '' },
      platform: local()
    })
    expect(result.approved).toBe(true)
  })
})

describe('gate on the local platform', () => {
  const git = promisify(execFile)
  let repo: string

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'runbook-gate-'))
    const env = {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Runbook Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Runbook Test',
      GIT_COMMITTER_EMAIL: 'test@example.com'
    }
    await git('git', ['init', '-q', '-b', 'main'], { cwd: repo, env })
    await git('git', ['commit', '-q', '--allow-empty', '-m', 'initial'], {
      cwd: repo,
      env
    })
    await git(
      'git',
      [
        'tag',
        '-a',
        HALT_TAG,
        '-m',
        JSON.stringify({ by: 'me', at: NOW, reason: 'disk full\nsee ticket 7' })
      ],
      { cwd: repo, env }
    )
  })
  afterAll(() => rm(repo, { recursive: true, force: true }))

  // src/platform/local.ts:76-81: LocalPlatform.readHalt returns the tag's
  // reason (and by, at) as written, where GitHubPlatform passes them
  // through oneLine (src/platform/github.ts:382-384), so the same stop
  // refuses a local deploy with a reason that spans lines.
  test('a refusal for a stop with a multi-line reason is one line', async () => {
    const outcome = await runGate({
      inputs: { action: 'deploy' },
      platform: new LocalPlatform(join(repo, '.runbook'), repo)
    })
    expectRefusal(outcome, /^an emergency stop is in effect/)
  })
})
