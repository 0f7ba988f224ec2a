// The runbook as a reusable workflow (.github/workflows/runbook.yml) and the
// caller file a repository keeps (examples/caller): both pass actionlint and
// GitHub's parser; the reusable workflow's jobs run, job by job, exactly
// when the long form's do (their `if:` evaluated with GitHub's expression
// library for each trigger and action); and the caller gives only inputs and
// secrets the reusable workflow declares, with the permissions its jobs
// need, so that the three files cannot drift apart.

import { describe, expect, test } from '@jest/globals'
import { data } from '@actions/expressions'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ACTIONS, type Action } from '../src/inputs.js'
import { JOB_IDS } from '../src/needs.js'
import {
  evaluateExpression,
  evaluateTemplate,
  evaluateTyped,
  jobRuns,
  needsOf,
  type Ctx,
  type Needed
} from './helpers/expressions.js'

interface Step {
  id?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
type Permissions = Record<string, 'read' | 'write'>
interface Job {
  needs?: string | string[]
  if?: string
  'runs-on'?: unknown
  'timeout-minutes'?: number
  permissions?: Permissions
  environment?: string
  outputs?: Record<string, string>
  steps?: Step[]
}
interface CallInput {
  type: 'string' | 'boolean' | 'number'
  required?: boolean
  default?: unknown
}
interface Workflow {
  on: Record<string, unknown> & {
    workflow_call?: {
      inputs: Record<string, CallInput>
      secrets: Record<string, { required?: boolean }>
      outputs: Record<string, { value: string }>
    }
    workflow_dispatch?: { inputs: Record<string, Record<string, unknown>> }
  }
  permissions?: Permissions
  concurrency?: {
    group: string
    'cancel-in-progress'?: unknown
    queue?: string
  }
  jobs: Record<string, Job>
}
interface CallerJob {
  uses: string
  permissions?: Permissions
  with: Record<string, unknown>
  secrets: 'inherit' | Record<string, string>
}

const ROOT = process.cwd()
const LONG = '.github/workflows/ai-agent-handoff-runbook.yml'
const REUSABLE = '.github/workflows/runbook.yml'
const CALLER = 'examples/caller/ai-agent-handoff-runbook.yml'
const PYTHON =
  'examples/python-apps/.github/workflows/ai-agent-handoff-runbook.yml'

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8')
const long = parse(read(LONG)) as Workflow
const reusable = parse(read(REUSABLE)) as Workflow
const call = reusable.on.workflow_call as NonNullable<
  Workflow['on']['workflow_call']
>
const callers = Object.fromEntries(
  [CALLER, PYTHON].map((file) => [file, parse(read(file)) as Workflow])
)
const callerJob = (file: string): CallerJob =>
  Object.values((callers[file] as Workflow).jobs)[0] as unknown as CallerJob

const major = `v${String(JSON.parse(read('package.json')).version).split('.')[0]}`
const ACTION_REF = `your-org/runbook@${major}`
const CALLED = `your-org/runbook/.github/workflows/runbook.yml@${major}`

/** The step that runs the action: `./` in the long form. */
const actionStep = (job: Job): Step =>
  (job.steps ?? []).find(
    (s) => s.uses === './' || s.uses === ACTION_REF
  ) as Step

// ---------------------------------------------------------------------------
// A run, job by job: each job's `if:` decides, its outputs are evaluated
// from what its action step set.

interface Scenario {
  event: 'push' | 'schedule' | 'workflow_dispatch'
  dispatch?: Record<string, string | boolean>
  /** The action the gate resolves. */
  action: Action
  approved?: boolean
  ci?: 'success' | 'failure'
  deploy?: 'success' | 'failure'
  /** The monitor's verdict on this run's deploy. */
  verdict?: 'verified' | 'broken' | 'unverified'
  health?: 'healthy' | 'critical'
}

const github = (scenario: Scenario) => ({
  event_name: scenario.event,
  run_id: '4242',
  ref: 'refs/heads/main',
  repository: 'octo-org/app'
})

const dispatchInputs = (scenario: Scenario): Ctx =>
  scenario.event === 'workflow_dispatch' ? (scenario.dispatch ?? {}) : {}

/** What the caller's `with:` gives the reusable workflow, defaults applied. */
function calledInputs(file: string, scenario: Scenario): Ctx {
  const context = { github: github(scenario), inputs: dispatchInputs(scenario) }
  const given = Object.fromEntries(
    Object.entries(callerJob(file).with).map(([k, v]) => [
      k,
      evaluateTyped(v, context)
    ])
  )
  return Object.fromEntries(
    Object.entries(call.inputs).map(([name, input]) => [
      name,
      name in given
        ? (given[name] ?? (input.type === 'string' ? '' : input.default))
        : input.default
    ])
  )
}

function stepOutputs(
  stage: string,
  scenario: Scenario
): { ok: boolean; outputs: Record<string, string> } {
  const health = scenario.health ?? 'healthy'
  switch (stage) {
    case 'gate':
      return {
        ok: true,
        outputs: {
          approved: String(scenario.approved ?? true),
          action: scenario.action,
          reason: scenario.approved === false ? 'refused' : '',
          'target-component': 'all',
          'rollback-version': '',
          halted: 'false'
        }
      }
    case 'ci':
      return {
        ok: scenario.ci !== 'failure',
        outputs: {
          'build-status': scenario.ci === 'failure' ? 'failed' : 'success'
        }
      }
    case 'deploy':
      return {
        ok: scenario.deploy !== 'failure',
        outputs: {
          'deployment-status':
            scenario.deploy === 'failure' ? 'failed' : 'success',
          'deployment-time': '2026-01-01T12:00:00.000Z'
        }
      }
    case 'monitor': {
      const verdict =
        scenario.verdict ?? (health === 'critical' ? 'broken' : 'verified')
      const deployed = ['deploy', 'update-component'].includes(scenario.action)
      return {
        ok: health === 'healthy' && (!deployed || verdict !== 'broken'),
        outputs: {
          'monitoring-status': health,
          'fastapi-health': 'healthy',
          ...(deployed ? { 'deploy-verdict': verdict } : {})
        }
      }
    }
    case 'rollback':
      return { ok: true, outputs: { 'rollback-status': 'executed' } }
    case 'status':
      return { ok: true, outputs: { 'issue-number': '1' } }
    default:
      return { ok: true, outputs: { notified: 'false' } }
  }
}

function simulate(workflow: Workflow, scenario: Scenario, inputs: Ctx) {
  const jobs: Record<string, Needed> = {}
  const ran: string[] = []
  const contexts: Record<string, Ctx> = {}
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const needs = Object.fromEntries(
      needsOf(job).map((n) => [n, jobs[n] as Needed])
    )
    const context = { github: github(scenario), inputs, needs }
    contexts[id] = context
    if (!jobRuns(job, context, jobs)) {
      jobs[id] = { result: 'skipped', outputs: {} }
      continue
    }
    ran.push(id)
    const step = actionStep(job)
    const stage = String(step.with?.stage)
    const { ok, outputs } = stepOutputs(stage, scenario)
    const steps = { [step.id as string]: { outputs } }
    const jobOutputs: Record<string, string> = {}
    for (const [name, value] of Object.entries(job.outputs ?? {})) {
      const text = evaluateTemplate(value, { ...context, steps })
      if (text !== '') jobOutputs[name] = text
    }
    jobs[id] = { result: ok ? 'success' : 'failure', outputs: jobOutputs }
  }
  return { ran, jobs, contexts }
}

const viaCaller = (scenario: Scenario, file = CALLER) =>
  simulate(reusable, scenario, calledInputs(file, scenario))
const viaLongForm = (scenario: Scenario) =>
  simulate(long, scenario, dispatchInputs(scenario))

const dispatch = (
  action: Action,
  more: Partial<Scenario> = {},
  inputs: Record<string, string | boolean> = {}
): Scenario => ({
  event: 'workflow_dispatch',
  action,
  dispatch: {
    action,
    rollback_version: '',
    target_component: 'all',
    reason: 'a reason',
    dry_run: false,
    ...inputs
  },
  ...more
})

const after = (...jobs: string[]) => [
  JOB_IDS.gate,
  ...jobs,
  JOB_IDS.status,
  JOB_IDS.notify
]
const ALL = Object.values(JOB_IDS)

const SCENARIOS: [string, Scenario, string[]][] = [
  [
    'a push deploys and verifies',
    { event: 'push', action: 'deploy' },
    after('ci', 'deploy', 'monitor')
  ],
  [
    'the schedule health-checks',
    { event: 'schedule', action: 'healthcheck' },
    after('monitor')
  ],
  [
    'the schedule never rolls back, even when critical',
    { event: 'schedule', action: 'healthcheck', health: 'critical' },
    after('monitor')
  ],
  [
    'a dispatched deploy runs every stage but the rollback',
    dispatch('deploy'),
    after('ci', 'deploy', 'monitor')
  ],
  [
    'a dispatched update-component runs every stage but the rollback',
    dispatch('update-component', {}, { target_component: 'flask' }),
    after('ci', 'deploy', 'monitor')
  ],
  [
    'a dispatched rollback runs the gate, the rollback, the dashboard and notify',
    dispatch(
      'rollback',
      {},
      { rollback_version: 'deployment-20260101-120000' }
    ),
    after('rollback')
  ],
  [
    'a dispatched emergency-stop runs in the deploy job',
    dispatch('emergency-stop'),
    after('deploy')
  ],
  [
    'a dispatched resume runs in the deploy job',
    dispatch('resume'),
    after('deploy')
  ],
  [
    'a dispatched healthcheck monitors',
    dispatch('healthcheck', { health: 'critical' }),
    after('monitor')
  ],
  [
    'a push the gate refuses runs only the dashboard and notify',
    { event: 'push', action: 'deploy', approved: false },
    after()
  ],
  [
    'a dispatch the gate refuses runs only the dashboard and notify',
    dispatch('rollback', { approved: false }),
    after()
  ],
  [
    'a critical deploy whose verdict is broken is rolled back',
    { event: 'push', action: 'deploy', health: 'critical', verdict: 'broken' },
    ALL
  ],
  [
    'a failed deploy command that broke what it deployed is rolled back',
    dispatch('deploy', { deploy: 'failure', health: 'critical' }),
    ALL
  ],
  [
    'a critical system the deploy did not break is not rolled back',
    {
      event: 'push',
      action: 'deploy',
      health: 'critical',
      verdict: 'verified'
    },
    after('ci', 'deploy', 'monitor')
  ],
  [
    'a failed CI deploys nothing',
    { event: 'push', action: 'deploy', ci: 'failure' },
    after('ci')
  ]
]

// ---------------------------------------------------------------------------

function checkWorkflows(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/check-workflows.js', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('actionlint and GitHub’s workflow parser', () => {
  test('find nothing in the reusable workflow, the caller example and the Python example', async () => {
    const files = [REUSABLE, CALLER, PYTHON]
    const { code, stdout, stderr } = await checkWorkflows(files)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    for (const file of files) expect(stdout).toContain(`ok: ${file}`)
    // actionlint and the parser on three workflows: slow on a busy machine.
  }, 120_000)

  test('check the reusable workflow with every workflow of .github/workflows', async () => {
    const script = read('scripts/check-workflows.js')
    expect(script).toMatch(/readdir\(WORKFLOWS\)/)
    expect(script).toMatch(/\\\.ya\?ml\$/)
  })
})

describe('which jobs run when the caller calls the reusable workflow', () => {
  test.each(SCENARIOS)('%s', (_name, scenario, expected) => {
    expect(viaCaller(scenario).ran).toEqual(expected)
  })

  test.each(SCENARIOS)('%s, as in the long form', (_name, scenario) => {
    expect(viaCaller(scenario).ran).toEqual(viaLongForm(scenario).ran)
  })

  test.each(SCENARIOS)('%s, in the Python example too', (_name, scenario) => {
    expect(viaCaller(scenario, PYTHON).ran).toEqual(viaCaller(scenario).ran)
  })

  test('every action the gate can resolve is among the scenarios', () => {
    const covered = new Set(SCENARIOS.map(([, s]) => s.action))
    expect(covered).toEqual(new Set(ACTIONS))
  })
})

/** Text with its whitespace folded, as a `>-` scalar reads. */
const folded = (value: unknown): string =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()

/** The reusable form's text with its inputs replaced by the long form's values. */
const asLongForm = (value: unknown): string =>
  folded(value).replace(/inputs\.environment/g, "'production'")

describe('the reusable workflow keeps the long form’s jobs', () => {
  test('the same seven jobs with the same needs, timeouts and permissions', () => {
    expect(Object.keys(reusable.jobs)).toEqual(Object.keys(long.jobs))
    for (const [id, job] of Object.entries(long.jobs)) {
      const own = reusable.jobs[id] as Job
      expect([id, needsOf(own)]).toEqual([id, needsOf(job)])
      expect([id, own['timeout-minutes']]).toEqual([id, job['timeout-minutes']])
      expect([id, own.permissions]).toEqual([id, job.permissions])
    }
  })

  test('each job’s condition is the long form’s, word for word', () => {
    for (const [id, job] of Object.entries(long.jobs))
      expect([id, asLongForm(reusable.jobs[id]?.if)]).toEqual([
        id,
        folded(job.if)
      ])
  })

  test('each job’s environment is the long form’s for every action, the caller’s being production', () => {
    for (const [id, job] of Object.entries(long.jobs))
      for (const action of ACTIONS) {
        const needs = { 'safety-gate': { outputs: { action } } }
        const own = evaluateTemplate(reusable.jobs[id]?.environment ?? '', {
          inputs: { environment: 'production' },
          needs
        })
        const theirs = evaluateTemplate(job.environment ?? '', { needs })
        expect([id, action, own]).toEqual([id, action, theirs])
      }
  })

  test('each job’s outputs are the long form’s', () => {
    for (const [id, job] of Object.entries(long.jobs))
      expect([id, reusable.jobs[id]?.outputs]).toEqual([id, job.outputs])
  })

  test('each step gives the action what the long form gives it, plus the config and the dashboard issue', () => {
    for (const [id, job] of Object.entries(long.jobs)) {
      const own = actionStep(reusable.jobs[id] as Job)
      expect([id, own.id]).toEqual([id, actionStep(job).id])
      expect([id, own.with]).toEqual([
        id,
        {
          ...actionStep(job).with,
          config: '${{ inputs.config }}',
          'status-issue': '${{ inputs.status-issue }}'
        }
      ])
    }
  })

  test('the reports are uploaded as in the long form', () => {
    const uploads = (wf: Workflow) =>
      Object.values(wf.jobs).flatMap((job) =>
        (job.steps ?? []).filter((s) =>
          s.uses?.startsWith('actions/upload-artifact@')
        )
      )
    expect(uploads(reusable)).toEqual(uploads(long))
  })
})

describe('the reusable workflow’s own rules', () => {
  const jobs = Object.entries(reusable.jobs)

  test('grants nothing at the top and has no concurrency of its own', () => {
    expect(reusable.permissions).toEqual({})
    expect(reusable.concurrency).toBeUndefined()
  })

  test.each(jobs)(
    '%s has a timeout and no ${{ }} in a run: script',
    (_id, job) => {
      expect(job['timeout-minutes']).toBeGreaterThan(0)
      for (const step of job.steps ?? [])
        expect(step.run ?? '').not.toContain('${{')
    }
  )

  test.each(jobs)(
    '%s checks out first, without keeping the token',
    (_id, job) => {
      expect(job.steps?.[0]?.uses).toMatch(/^actions\/checkout@/)
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false)
    }
  )

  test('every step runs the action from its repository at the major tag of this version, never ./', () => {
    const uses = jobs.flatMap(([, job]) =>
      (job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : []))
    )
    const own = uses.filter((u) => !u.startsWith('actions/'))
    expect(own).toHaveLength(jobs.length)
    expect(new Set(own)).toEqual(new Set([ACTION_REF]))
  })

  test('third-party actions are pinned as in the long form and CI', () => {
    const pins = (text: string) =>
      new Map(
        [...text.matchAll(/uses: (actions\/[a-z-]+)@(\S+ # v\S+)/g)].map(
          (m) => [m[1], m[2]]
        )
      )
    const mine = pins(read(REUSABLE))
    const theirs = new Map([
      ...pins(read(LONG)),
      ...pins(read('.github/workflows/ci.yml'))
    ])
    for (const [action, pin] of mine)
      if (theirs.has(action))
        expect([action, pin]).toEqual([action, theirs.get(action)])
    expect([...mine.keys()].sort()).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/setup-python',
      'actions/upload-artifact'
    ])
  })

  test('CI sets up Node.js or Python only when the caller names a version, without a dependency cache', () => {
    const steps = reusable.jobs.ci?.steps ?? []
    const setup = (name: string) =>
      steps.find((s) => s.uses?.startsWith(`actions/setup-${name}@`)) as Step
    expect(setup('node').if).toBe("${{ inputs.node-version != '' }}")
    expect(setup('node').with?.['package-manager-cache']).toBe(false)
    expect(setup('python').if).toBe("${{ inputs.python-version != '' }}")
    expect(setup('python').with?.cache).toBeUndefined()
    for (const [id, job] of jobs)
      if (id !== 'ci')
        expect(JSON.stringify(job)).not.toMatch(/actions\/setup-/)
  })

  const environment = (job: string, action: string, named: unknown) =>
    evaluateTemplate(reusable.jobs[job]?.environment ?? '', {
      inputs: { environment: named },
      needs: { 'safety-gate': { outputs: { action } } }
    })

  test('deploys and rollbacks run in the environment the caller names, production by default', () => {
    const named = call.inputs.environment?.default
    expect(named).toBe('production')
    for (const action of ['deploy', 'update-component'])
      expect(environment('deploy', action, named)).toBe('production')
    expect(environment('deploy', 'deploy', 'prod-eu')).toBe('prod-eu')
    expect(environment('rollback', 'rollback', 'prod-eu')).toBe('prod-eu')
    expect(environment('rollback', 'deploy', named)).toBe('production')
  })

  test('an emergency stop and a resume never wait for an environment, whatever the caller names', () => {
    for (const named of ['production', 'prod-eu', ''])
      for (const action of ['emergency-stop', 'resume'])
        expect(environment('deploy', action, named)).toBe('')
    for (const id of [JOB_IDS.gate, JOB_IDS.status, JOB_IDS.notify])
      expect(reusable.jobs[id]?.environment).toBeUndefined()
  })

  test('the deploy, monitor and rollback jobs run on the runner the caller names, a label or a list', () => {
    const runsOn = (job: string, runner: string) => {
      const value = String(reusable.jobs[job]?.['runs-on'])
      const expression = value.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1')
      const result = evaluateExpression(expression, {
        inputs: { 'service-runner': runner }
      })
      return JSON.parse(JSON.stringify(result, data.replacer)) as unknown
    }
    for (const job of ['deploy', 'monitor', 'rollback']) {
      expect(runsOn(job, 'ubuntu-latest')).toBe('ubuntu-latest')
      expect(runsOn(job, '["self-hosted", "linux"]')).toEqual([
        'self-hosted',
        'linux'
      ])
    }
    expect(call.inputs['service-runner']?.default).toBe('ubuntu-latest')
    for (const job of ['safety-gate', 'ci', 'update-status', 'notify'])
      expect(reusable.jobs[job]?.['runs-on']).toBe('ubuntu-latest')
  })

  test('the webhooks reach only notify, and DEPLOY_TOKEN only the deploy and rollback commands', () => {
    for (const [id, job] of jobs) {
      const text = JSON.stringify(job)
      const secrets = [...text.matchAll(/secrets\.(\w+)/g)].map((m) => m[1])
      const expected =
        id === 'notify'
          ? ['SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK_URL']
          : id === 'deploy' || id === 'rollback'
            ? ['DEPLOY_TOKEN']
            : []
      expect([id, secrets]).toEqual([id, expected])
    }
    for (const id of ['deploy', 'rollback'])
      expect(actionStep(reusable.jobs[id] as Job).env).toEqual({
        DEPLOY_TOKEN: '${{ secrets.DEPLOY_TOKEN }}'
      })
  })

  test('every inputs.<name> and secrets.<name> it reads is declared', () => {
    const text = JSON.stringify(reusable.jobs)
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g))
      expect(Object.keys(call.inputs)).toContain(name)
    for (const [, name] of text.matchAll(/secrets\.([\w-]+)/g))
      expect(Object.keys(call.secrets)).toContain(name)
  })

  test('its outputs keep the seed’s names and read outputs its jobs declare', () => {
    expect(Object.keys(call.outputs)).toEqual(
      expect.arrayContaining([
        'approved',
        'action',
        'build_status',
        'deployment_status',
        'deployment_time',
        'monitoring_status',
        'fastapi_health',
        'flask_health',
        'gradio_health',
        'rollback_status'
      ])
    )
    for (const [name, output] of Object.entries(call.outputs)) {
      const match = /^\$\{\{ jobs\.([\w-]+)\.outputs\.(\w+) \}\}$/.exec(
        output.value
      )
      expect([
        name,
        Object.keys(reusable.jobs[match?.[1] ?? '']?.outputs ?? {})
      ]).toEqual([name, expect.arrayContaining([match?.[2]])])
      expect(match?.[2]).toBe(name)
    }
  })

  test('its outputs carry what a caller’s later job reads after a push', () => {
    const run = viaCaller({ event: 'push', action: 'deploy' })
    const jobs = Object.fromEntries(
      Object.entries(run.jobs).map(([id, job]) => [
        id,
        { outputs: job.outputs }
      ])
    )
    const value = (name: string) =>
      evaluateTemplate(call.outputs[name]?.value, { jobs })
    expect(value('approved')).toBe('true')
    expect(value('action')).toBe('deploy')
    expect(value('deployment_status')).toBe('success')
    expect(value('monitoring_status')).toBe('healthy')
    expect(value('rollback_status')).toBe('')
  })
})

// ---------------------------------------------------------------------------

const permissionsOf = (file: string): Permissions => {
  const workflow = callers[file] as Workflow
  return callerJob(file).permissions ?? workflow.permissions ?? {}
}

const TRIGGERS: Scenario[] = [
  { event: 'push', action: 'deploy' },
  { event: 'schedule', action: 'healthcheck' },
  ...ACTIONS.map((action) => dispatch(action)),
  dispatch('deploy', {}, { dry_run: true, reason: 'it is Friday' })
]

describe.each([CALLER, PYTHON])('the caller %s', (file) => {
  const caller = callers[file] as Workflow
  const job = callerJob(file)

  test('is one job that calls the reusable workflow at the major tag', () => {
    expect(Object.keys(caller.jobs)).toHaveLength(1)
    expect(job.uses).toBe(CALLED)
  })

  test('gives only inputs the reusable workflow declares, and every required one', () => {
    for (const key of Object.keys(job.with))
      expect(Object.keys(call.inputs)).toContain(key)
    for (const [name, input] of Object.entries(call.inputs))
      if (input.required) expect(Object.keys(job.with)).toContain(name)
  })

  test.each(
    TRIGGERS.map((t): [string, Scenario] => [
      t.event === 'workflow_dispatch'
        ? `dispatch of ${t.action}${t.dispatch?.dry_run ? ', dry run' : ''}`
        : t.event,
      t
    ])
  )('gives each input the type it declares: %s', (_name, scenario) => {
    const context = {
      github: github(scenario),
      inputs: dispatchInputs(scenario)
    }
    for (const [key, value] of Object.entries(job.with)) {
      const given = evaluateTyped(value, context)
      const type = call.inputs[key]?.type
      // A string input takes an absent dispatch value (null) as ''.
      if (type === 'string')
        expect([key, given === null || typeof given === 'string']).toEqual([
          key,
          true
        ])
      else expect([key, typeof given]).toEqual([key, type])
    }
  })

  test('passes the dispatch values through unchanged', () => {
    const scenario = dispatch(
      'rollback',
      {},
      {
        rollback_version: 'deployment-20260101-120000',
        reason: 'a reason',
        dry_run: true
      }
    )
    expect(calledInputs(file, scenario)).toMatchObject({
      action: 'rollback',
      rollback_version: 'deployment-20260101-120000',
      target_component: 'all',
      reason: 'a reason',
      dry_run: true
    })
    expect(
      calledInputs(file, { event: 'push', action: 'deploy' })
    ).toMatchObject({
      action: '',
      dry_run: false
    })
  })

  test('passes only secrets the reusable workflow declares, or inherits them', () => {
    if (job.secrets === 'inherit') return
    for (const [name, value] of Object.entries(job.secrets)) {
      expect(Object.keys(call.secrets)).toContain(name)
      expect(value).toBe(`\${{ secrets.${name} }}`)
    }
  })

  test('grants every permission a called job needs, and no other', () => {
    const granted = permissionsOf(file)
    const needed: Permissions = {}
    for (const job of Object.values(reusable.jobs))
      for (const [scope, level] of Object.entries(job.permissions ?? {}))
        if (needed[scope] !== 'write') needed[scope] = level
    expect(granted).toEqual(needed)
  })

  test('has the long form’s triggers and dispatch inputs', () => {
    expect(caller.on.push).toEqual(long.on.push)
    expect(caller.on.schedule).toEqual(long.on.schedule)
    const strip = (inputs: Record<string, Record<string, unknown>>) =>
      Object.fromEntries(
        Object.entries(inputs).map(([name, input]) => [
          name,
          {
            type: input.type,
            options: input.options,
            default: input.default ?? (input.type === 'string' ? '' : undefined)
          }
        ])
      )
    expect(strip(caller.on.workflow_dispatch?.inputs ?? {})).toEqual(
      strip(long.on.workflow_dispatch?.inputs ?? {})
    )
  })

  test('queues deploys and rollbacks, and never a stop, as the long form does', () => {
    const group = (wf: Workflow, scenario: Scenario, runId = '4242') =>
      evaluateTemplate(wf.concurrency?.group, {
        github: { ...github(scenario), run_id: runId },
        inputs: dispatchInputs(scenario)
      })
    for (const scenario of TRIGGERS) {
      expect(group(caller, scenario)).toBe(group(long, scenario))
      expect(group(caller, scenario, '1')).toBe(group(long, scenario, '1'))
    }
    const production = group(caller, { event: 'push', action: 'deploy' })
    expect(group(caller, dispatch('rollback'))).toBe(production)
    expect(group(caller, dispatch('emergency-stop'))).not.toBe(production)
    expect(caller.concurrency?.queue).toBe('max')
    expect(caller.concurrency?.['cancel-in-progress'] ?? false).toBe(false)
  })
})

describe('the caller example', () => {
  test('fits in 40 lines, comments included', () => {
    expect(read(CALLER).trimEnd().split('\n').length).toBeLessThanOrEqual(40)
  })

  test('is what the README shows, word for word', () => {
    expect(read('README.md')).toContain(
      '```yaml\n' + read(CALLER).trimEnd() + '\n```'
    )
  })

  test('the README’s named secrets are ones the reusable workflow declares', () => {
    const readme = read('README.md')
    const block = /```yaml\n(\s*secrets:\n(?:\s+\w+: .*\n)+)```/.exec(readme)
    const named = parse(block?.[1] ?? '') as { secrets: Record<string, string> }
    expect(Object.keys(named.secrets).sort()).toEqual(
      Object.keys(call.secrets).sort()
    )
  })
})

describe('releasing the reusable workflow with the action', () => {
  /** `node scripts/release.js --check VERSION` in `cwd`. */
  const releaseCheck = (
    cwd: string,
    version: string
  ): Promise<{ code: number; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['scripts/release.js', '--check', version],
        { cwd },
        (error, _stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr })
      )
    })

  /** --check in a checkout at `version` whose reusable workflow names `ref`. */
  async function checkAt(version: string, ref: string) {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-release-'))
    try {
      await mkdir(join(dir, '.github', 'workflows'), { recursive: true })
      await mkdir(join(dir, 'scripts'))
      await writeFile(join(dir, 'package.json'), JSON.stringify({ version }))
      await writeFile(
        join(dir, 'CHANGELOG.md'),
        `# Changelog\n\n## [${version}] - 2026-12-01\n\n- Something.\n`
      )
      await writeFile(
        join(dir, REUSABLE),
        read(REUSABLE).replaceAll(ACTION_REF, `your-org/runbook@${ref}`)
      )
      await writeFile(
        join(dir, 'scripts', 'release.js'),
        read('scripts/release.js')
      )
      return await releaseCheck(dir, version)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  test('this checkout’s reusable workflow names the major tag of its version', async () => {
    const version = JSON.parse(read('package.json')).version as string
    expect(await releaseCheck(ROOT, version)).toEqual({ code: 0, stderr: '' })
  })

  test('a release of a new major is refused while the reusable workflow names the old tag', async () => {
    const { code, stderr } = await checkAt('1.0.0', 'v0')
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      'release: .github/workflows/runbook.yml: the action is used at @v0, but 1.0.0 moves v1: change every runbook@v0 there to runbook@v1'
    )
  })

  test('a release whose major the reusable workflow names passes', async () => {
    expect(await checkAt('1.2.0', 'v1')).toEqual({ code: 0, stderr: '' })
  })
})
